package org.teamstelehealth.events;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.TableKeys;

/**
 * {@link EventDeliveryLog} on the {@value #TABLE} table: PartitionKey = appointment id, RowKey = event id (both
 * {@linkplain TableKeys escaped}), so the admin status reads one partition.
 */
@Adapter
public final class TableEventDeliveryLog implements EventDeliveryLog {
    public static final String TABLE = "pmseventdeliveries";

    private final Supplier<TableClient> table;

    public TableEventDeliveryLog(Supplier<TableClient> table) {
        this.table = table;
    }

    @Override
    public Optional<EventDelivery> find(String appointmentId, String eventId) {
        // A query, not a point read: a missing row is the common case and the SDK logs every 404 as an error.
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter("PartitionKey eq '"
                + TableKeys.quote(TableKeys.escape(appointmentId)) + "' and RowKey eq '" + TableKeys.quote(TableKeys.escape(eventId)) + "'");
        for (TableEntity entity : table.get().listEntities(options, null, null)) {
            return Optional.of(fromEntity(entity));
        }
        return Optional.empty();
    }

    @Override
    public void save(EventDelivery d) {
        TableEntity entity = new TableEntity(TableKeys.escape(d.appointmentId()), TableKeys.escape(d.eventId()))
                .addProperty("Type", d.type())
                .addProperty("Sequence", d.sequence())
                .addProperty("Status", d.status().name())
                .addProperty("Attempts", d.attempts());
        put(entity, "FirstAttemptAt", d.firstAttemptAt());
        put(entity, "UpdatedAt", d.updatedAt());
        put(entity, "LastResult", d.lastResult());
        put(entity, "NextAttemptAt", d.nextAttemptAt());
        table.get().upsertEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, null, null);
    }

    @Override
    public List<EventDelivery> forAppointment(String appointmentId) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter("PartitionKey eq '" + TableKeys.quote(TableKeys.escape(appointmentId)) + "'");
        List<EventDelivery> rows = new ArrayList<>();
        for (TableEntity entity : table.get().listEntities(options, null, null)) {
            rows.add(fromEntity(entity));
        }
        rows.sort(Comparator.comparingLong(EventDelivery::sequence));
        return rows;
    }


    /** One transaction per hundred rows (the most one may hold; all of them on the appointment's partition). */
    @Override
    public int purge(String appointmentId) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter("PartitionKey eq '" + TableKeys.quote(TableKeys.escape(appointmentId)) + "'")
                .setSelect(List.of("PartitionKey", "RowKey"));
        List<TableTransactionAction> deletes = new ArrayList<>();
        for (TableEntity entity : table.get().listEntities(options, null, null)) {
            deletes.add(new TableTransactionAction(TableTransactionActionType.DELETE, entity));
        }
        for (int from = 0; from < deletes.size(); from += 100) {
            table.get().submitTransaction(deletes.subList(from, Math.min(from + 100, deletes.size())));
        }
        return deletes.size();
    }

    private static void put(TableEntity entity, String name, Object value) {
        if (value != null) {
            entity.addProperty(name, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
        }
    }

    private static EventDelivery fromEntity(TableEntity e) {
        return new EventDelivery(TableKeys.unescape(e.getPartitionKey()), TableKeys.unescape(e.getRowKey()),
                (String) e.getProperty("Type"), number(e.getProperty("Sequence")),
                EventDelivery.Status.valueOf((String) e.getProperty("Status")), (int) number(e.getProperty("Attempts")),
                TableKeys.instant(e.getProperty("FirstAttemptAt")), TableKeys.instant(e.getProperty("UpdatedAt")),
                (String) e.getProperty("LastResult"), TableKeys.instant(e.getProperty("NextAttemptAt")));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
