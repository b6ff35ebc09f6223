package org.teamstelehealth.notifications;

import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.TableKeys;

/**
 * {@link DeliveryLog} on the {@value #TABLE} table: PartitionKey = appointment id, RowKey = delivery key
 * (both {@linkplain TableKeys escaped}).
 */
@Adapter
public final class TableDeliveryLog implements DeliveryLog {
    public static final String TABLE = "deliveries";

    private final Supplier<TableClient> table;

    public TableDeliveryLog(Supplier<TableClient> table) {
        this.table = table;
    }

    @Override
    public Optional<Delivery> find(String appointmentId, String key) {
        // A query, not a point read: a missing row is the common case and the SDK logs every 404 as an error.
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter("PartitionKey eq '" + TableKeys.quote(TableKeys.escape(appointmentId))
                + "' and RowKey eq '" + TableKeys.quote(TableKeys.escape(key)) + "'");
        for (TableEntity entity : table.get().listEntities(options, null, null)) {
            return Optional.of(fromEntity(entity));
        }
        return Optional.empty();
    }

    /** One query for every key: one partition (the appointment's), so Table Storage serves it from its own keys. */
    @Override
    public Map<String, Delivery> find(String appointmentId, List<String> keys) {
        Map<String, Delivery> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String rows = keys.stream().map(key -> "RowKey eq '" + TableKeys.quote(TableKeys.escape(key)) + "'")
                .collect(Collectors.joining(" or "));
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter("PartitionKey eq '"
                + TableKeys.quote(TableKeys.escape(appointmentId)) + "' and (" + rows + ")");
        for (TableEntity entity : table.get().listEntities(options, null, null)) {
            Delivery delivery = fromEntity(entity);
            found.put(delivery.key(), delivery);
        }
        return found;
    }

    /** A query across partitions (OperationId is not a key): fine for one clinic's deliveries, and reports are few. */
    @Override
    public Optional<Delivery> findByOperationId(String operationId) {
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter("OperationId eq '" + TableKeys.quote(operationId) + "'");
        for (TableEntity entity : table.get().listEntities(options, null, null)) {
            return Optional.of(fromEntity(entity));
        }
        return Optional.empty();
    }


    @Override
    public Optional<Delivery> insert(Delivery delivery) {
        try {
            Response<Void> response = table.get().createEntityWithResponse(toEntity(delivery), null, null);
            return Optional.of(delivery.withEtag(response.getHeaders().getValue("ETag")));
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Delivery update(Delivery delivery) {
        Response<Void> response = table.get().upsertEntityWithResponse(
                toEntity(delivery), TableEntityUpdateMode.REPLACE, null, null);
        return delivery.withEtag(response.getHeaders().getValue("ETag"));
    }

    @Override
    public List<Delivery> forAppointment(String appointmentId) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter("PartitionKey eq '" + TableKeys.quote(TableKeys.escape(appointmentId)) + "'");
        List<Delivery> deliveries = new ArrayList<>();
        for (TableEntity entity : table.get().listEntities(options, null, null)) {
            deliveries.add(fromEntity(entity));
        }
        deliveries.sort(Comparator.comparing(Delivery::firstAttemptAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Delivery::key));
        return deliveries;
    }

    @Override
    public int purge(String appointmentId) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter("PartitionKey eq '" + TableKeys.quote(TableKeys.escape(appointmentId)) + "'")
                .setSelect(List.of("PartitionKey", "RowKey"));
        int removed = 0;
        for (TableEntity entity : table.get().listEntities(options, null, null)) {
            try {
                table.get().deleteEntity(entity.getPartitionKey(), entity.getRowKey());
                removed++;
            } catch (TableServiceException e) {
                if (e.getResponse().getStatusCode() != 404) {
                    throw e;
                }
            }
        }
        return removed;
    }

    private static TableEntity toEntity(Delivery d) {
        TableEntity entity = new TableEntity(TableKeys.escape(d.appointmentId()), TableKeys.escape(d.key()))
                .addProperty("Kind", d.kind().name())
                .addProperty("Sequence", d.sequence())
                .addProperty("Channel", d.channel().id())
                .addProperty("Status", d.status().name().toLowerCase())
                .addProperty("OperationId", d.operationId())
                .addProperty("Attempts", d.attempts())
                .addProperty("Segments", d.segments());
        put(entity, "FirstAttemptAt", d.firstAttemptAt());
        put(entity, "UpdatedAt", d.updatedAt());
        put(entity, "RecipientHint", d.recipientHint());
        put(entity, "Encoding", d.encoding());
        put(entity, "ProviderMessageId", d.providerMessageId());
        put(entity, "Reason", d.reason());
        put(entity, "ContentHash", d.contentHash());
        put(entity, "CreatedAt", d.createdAt());
        return entity;
    }

    private static void put(TableEntity entity, String name, Object value) {
        if (value != null) {
            entity.addProperty(name, value instanceof Instant instant ? instant.atOffset(java.time.ZoneOffset.UTC) : value);
        }
    }

    private static Delivery fromEntity(TableEntity e) {
        return new Delivery(
                TableKeys.unescape(e.getPartitionKey()),
                TableKeys.unescape(e.getRowKey()),
                NotificationIntent.Kind.valueOf((String) e.getProperty("Kind")),
                number(e.getProperty("Sequence")),
                Delivery.Channel.valueOf(((String) e.getProperty("Channel")).toUpperCase()),
                DeliveryStatus.valueOf(((String) e.getProperty("Status")).toUpperCase()),
                (String) e.getProperty("OperationId"),
                TableKeys.instant(e.getProperty("FirstAttemptAt")),
                number(e.getProperty("Attempts")),
                (String) e.getProperty("RecipientHint"),
                number(e.getProperty("Segments")),
                (String) e.getProperty("Encoding"),
                (String) e.getProperty("ProviderMessageId"),
                (String) e.getProperty("Reason"),
                TableKeys.instant(e.getProperty("UpdatedAt")),
                (String) e.getProperty("ContentHash"),
                e.getETag(),
                TableKeys.instant(e.getProperty("CreatedAt")));
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }
}
