package org.teamstelehealth.intake;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.TableKeys;
import org.teamstelehealth.platform.Tables;

/**
 * Receipts in Azure Table Storage, one entity per webhook id (partition key = row key = the id), so
 * "record unless seen" is a single conditional insert.
 */
@Adapter
public final class TableReceiptStore implements ReceiptStore {
    public static final String TABLE = "receipts";

    /** Escaped ids longer than this are hashed, so every key fits the table's key size. */
    private static final int MAX_KEY_LENGTH = 200;
    private static final String HASHED = "~sha256~";

    private final Supplier<TableClient> table;
    private final Duration timeout;

    /**
     * @param table the receipts table, fetched on each call so a storage outage at start-up heals
     * @param timeout the longest one storage call may take before intake answers 503
     */
    public TableReceiptStore(Supplier<TableClient> table, Duration timeout) {
        this.table = table;
        this.timeout = timeout;
    }

    @Override
    public boolean recordPending(Receipt receipt) throws StorageUnavailableException {
        try {
            table.get().createEntityWithResponse(toEntity(receipt), timeout, Context.NONE);
            return true;
        } catch (TableServiceException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 409) {
                return false;
            }
            throw unavailable("record a receipt", e);
        } catch (RuntimeException e) {
            throw unavailable("record a receipt", e);
        }
    }

    @Override
    public Optional<Receipt> find(String webhookId) throws StorageUnavailableException {
        String key = key(webhookId);
        try {
            return Tables.find(table.get(), key, key, null, timeout).map(TableReceiptStore::fromEntity);
        } catch (RuntimeException e) {
            throw unavailable("read a receipt", e);
        }
    }

    @Override
    public void markQueued(String webhookId, Instant queuedAt) throws StorageUnavailableException {
        String key = key(webhookId);
        TableEntity update = new TableEntity(key, key)
                .addProperty("State", Receipt.State.QUEUED.name())
                .addProperty("QueuedAt", utc(queuedAt));
        try {
            table.get().updateEntityWithResponse(update, TableEntityUpdateMode.MERGE, false, timeout, Context.NONE);
        } catch (RuntimeException e) {
            throw unavailable("mark a receipt queued", e);
        }
    }

    @Override
    public void release(String webhookId) throws StorageUnavailableException {
        String key = key(webhookId);
        try {
            table.get().deleteEntityWithResponse(new TableEntity(key, key), false, timeout, Context.NONE);
        } catch (TableServiceException e) {
            if (e.getResponse() == null || e.getResponse().getStatusCode() != 404) {
                throw unavailable("release a receipt", e);
            }
        } catch (RuntimeException e) {
            throw unavailable("release a receipt", e);
        }
    }

    /**
     * One filtered query over the table, which holds only the receipts of the last few days once this runs
     * daily; only the keys come back.
     */
    @Override
    public int purgeReceivedBefore(Instant cutoff) throws StorageUnavailableException {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter("ReceivedAt lt datetime'" + cutoff + "'")
                .setSelect(List.of("PartitionKey", "RowKey"));
        int removed = 0;
        try {
            for (TableEntity entity : table.get().listEntities(options, timeout, Context.NONE)) {
                try {
                    table.get().deleteEntity(entity.getPartitionKey(), entity.getRowKey());
                    removed++;
                } catch (TableServiceException e) {
                    if (e.getResponse() == null || e.getResponse().getStatusCode() != 404) {
                        throw e;
                    }
                }
            }
        } catch (RuntimeException e) {
            throw unavailable("purge old receipts", e);
        }
        return removed;
    }

    /**
     * The table key for a webhook id: the {@linkplain TableKeys escaped} id, or a hash of it when that is
     * too long or could be taken for a hash.
     */
    static String key(String webhookId) {
        String escaped = TableKeys.escape(webhookId);
        if (escaped.length() <= MAX_KEY_LENGTH && !escaped.startsWith(HASHED)) {
            return escaped;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(webhookId.getBytes(StandardCharsets.UTF_8));
            return HASHED + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static TableEntity toEntity(Receipt receipt) {
        String key = key(receipt.webhookId());
        TableEntity entity = new TableEntity(key, key)
                .addProperty("WebhookId", receipt.webhookId())
                .addProperty("State", receipt.state().name())
                .addProperty("Type", receipt.type())
                .addProperty("AppointmentId", receipt.appointmentId())
                .addProperty("Version", receipt.version())
                .addProperty("ReceivedAt", utc(receipt.receivedAt()));
        if (receipt.queuedAt() != null) {
            entity.addProperty("QueuedAt", utc(receipt.queuedAt()));
        }
        return entity;
    }

    private static Receipt fromEntity(TableEntity entity) {
        return new Receipt(
                (String) entity.getProperty("WebhookId"),
                Receipt.State.valueOf((String) entity.getProperty("State")),
                (String) entity.getProperty("Type"),
                (String) entity.getProperty("AppointmentId"),
                ((Number) entity.getProperty("Version")).longValue(),
                instant(entity.getProperty("ReceivedAt")),
                instant(entity.getProperty("QueuedAt")));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((OffsetDateTime) value).toInstant();
    }

    private static StorageUnavailableException unavailable(String action, RuntimeException cause) {
        return new StorageUnavailableException("Could not " + action + " in table " + TABLE, cause);
    }
}
