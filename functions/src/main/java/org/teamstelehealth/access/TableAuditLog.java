package org.teamstelehealth.access;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;

/**
 * {@link AuditLog} on the {@value #TABLE} table: a partition per UTC day ({@code 2026-12-01}), rows keyed
 * by the instant (fixed-width, so they sort) and a random suffix, so two actions in one instant both stay.
 */
@Adapter
public final class TableAuditLog implements AuditLog {
    public static final String TABLE = "audit";
    private static final DateTimeFormatter ROW = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Supplier<TableClient> table;

    /** @param table the {@value #TABLE} table, asked for on each use (so building this touches no storage) */
    public TableAuditLog(Supplier<TableClient> table) {
        this.table = table;
    }

    @Override
    public void record(AuditEntry entry) {
        table.get().createEntity(new TableEntity(day(entry.at()), ROW.format(entry.at()) + "-" + UUID.randomUUID())
                .addProperty("At", OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC))
                .addProperty("CallerId", entry.callerId())
                .addProperty("CallerName", entry.callerName())
                .addProperty("Action", entry.action())
                .addProperty("Target", entry.target())
                .addProperty("Status", entry.status()));
    }

    @Override
    public List<AuditEntry> between(Instant from, Instant to, int limit) {
        List<AuditEntry> found = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
        for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC); !d.isAfter(last) && found.size() < limit;
                d = d.plusDays(1)) {
            String filter = "PartitionKey eq '" + d + "' and RowKey ge '" + ROW.format(from)
                    + "' and RowKey lt '" + ROW.format(to) + "'";
            for (TableEntity entity : table.get().listEntities(new ListEntitiesOptions().setFilter(filter), null, null)) {
                if (found.size() == limit) {
                    break;
                }
                found.add(toEntry(entity));
            }
        }
        return found;
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static AuditEntry toEntry(TableEntity entity) {
        return new AuditEntry(((OffsetDateTime) entity.getProperty("At")).toInstant(),
                (String) entity.getProperty("CallerId"), (String) entity.getProperty("CallerName"),
                (String) entity.getProperty("Action"), (String) entity.getProperty("Target"),
                (Integer) entity.getProperty("Status"));
    }
}
