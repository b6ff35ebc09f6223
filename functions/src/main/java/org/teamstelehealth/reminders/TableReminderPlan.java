package org.teamstelehealth.reminders;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.Concurrently;
import org.teamstelehealth.platform.TableKeys;
import org.teamstelehealth.platform.Tables;

/**
 * {@link ReminderPlan} on the {@value #TABLE} table. PartitionKey: the UTC day of the due time
 * ({@code 2027-03-04}); RowKey: the due instant, fixed width so keys sort by time
 * ({@code 2027-03-04T05:15:00.000Z}), then {@code _} appointment id (escaped) {@code _} offset {@code _} channel.
 * So the due ones are one range read of one partition (two when the window crosses midnight UTC). The timer's
 * last run is the row {@code tick/last}.
 */
@Adapter
public final class TableReminderPlan implements ReminderPlan {
    public static final String TABLE = "reminderplan";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String TICK_PARTITION = "tick";
    private static final String TICK_ROW = "last";

    private final Supplier<TableClient> table;

    /** @param table the {@value #TABLE} table, asked for on each use (so building this touches no storage) */
    public TableReminderPlan(Supplier<TableClient> table) {
        this.table = table;
    }

    @Override
    public void put(PlannedReminder r) {
        table.get().upsertEntity(entity(r));
    }

    /** One transaction per UTC day the entries fall due on (a booking's 24-hour reminders share one), days at once. */
    @Override
    public void putAll(List<PlannedReminder> reminders) {
        Map<String, Map<String, TableEntity>> byDay = new LinkedHashMap<>();
        for (PlannedReminder r : reminders) {
            TableEntity entity = entity(r);
            byDay.computeIfAbsent(entity.getPartitionKey(), d -> new LinkedHashMap<>()).put(entity.getRowKey(), entity);
        }
        Concurrently.run(byDay.values().stream().<Runnable>map(day -> () -> {
            if (day.size() == 1) {
                table.get().upsertEntity(day.values().iterator().next());
            } else {
                table.get().submitTransaction(day.values().stream()
                        .map(e -> new TableTransactionAction(TableTransactionActionType.UPSERT_MERGE, e)).toList());
            }
        }).toList());
    }

    private static TableEntity entity(PlannedReminder r) {
        Instant due = r.due().truncatedTo(ChronoUnit.MILLIS);
        return new TableEntity(DAY.format(due), rowKey(r))
                .addProperty("AppointmentId", r.appointmentId())
                .addProperty("Offset", r.offset())
                .addProperty("Channel", r.channel().name())
                .addProperty("Due", utc(due))
                .addProperty("Start", utc(r.start()));
    }

    @Override
    public List<PlannedReminder> due(Instant after, Instant upTo) {
        Instant from = after.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        Instant to = upTo.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        List<PlannedReminder> due = new ArrayList<>();
        for (var day = from.atOffset(ZoneOffset.UTC).toLocalDate(); !day.isAfter(upTo.atOffset(ZoneOffset.UTC).toLocalDate());
                day = day.plusDays(1)) {
            String filter = "PartitionKey eq '" + day + "' and RowKey ge '" + FIXED.format(from)
                    + "' and RowKey lt '" + FIXED.format(to) + "'";
            table.get().listEntities(new ListEntitiesOptions().setFilter(filter), null, null)
                    .forEach(e -> due.add(read(e)));
        }
        return due;
    }

    @Override
    public void remove(PlannedReminder r) {
        try {
            table.get().deleteEntity(DAY.format(r.due().truncatedTo(ChronoUnit.MILLIS)), rowKey(r));
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public Optional<Instant> lastTick() {
        return Tables.find(table.get(), TICK_PARTITION, TICK_ROW)
                .map(e -> ((OffsetDateTime) e.getProperty("At")).toInstant());
    }

    @Override
    public void recordTick(Instant at) {
        table.get().upsertEntity(new TableEntity(TICK_PARTITION, TICK_ROW).addProperty("At", utc(at)));
    }

    private static String rowKey(PlannedReminder r) {
        return FIXED.format(r.due().truncatedTo(ChronoUnit.MILLIS)) + "_" + TableKeys.escape(r.appointmentId()) + "_"
                + r.offset() + "_" + r.channel().id();
    }

    private static PlannedReminder read(TableEntity e) {
        return new PlannedReminder((String) e.getProperty("AppointmentId"), (String) e.getProperty("Offset"),
                ReminderChannel.valueOf((String) e.getProperty("Channel")),
                ((OffsetDateTime) e.getProperty("Due")).toInstant(), ((OffsetDateTime) e.getProperty("Start")).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
