package org.teamstelehealth.intake;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.TableKeys;

/**
 * Receipts in Azure Table Storage, one entity per webhook id, all in one partition ({@value #PARTITION},
 * row key = the id) so that concurrent claims can be committed together: each claim is a conditional
 * insert, and claims that arrive while one is in flight go to the table as one entity group transaction
 * (up to {@value #MAX_TRANSACTION} inserts, all or nothing). Under load the table calls per claim fall
 * towards one per batch; an idle claim goes alone, as a plain insert, at once.
 *
 * <p>A transaction with an insert whose row exists fails as a whole, naming that insert (its index):
 * that claim is answered "seen before" and the others are sent again. Any other failure fails every
 * claim of the batch. Receipts written before this key scheme (partition key = row key = the id) are not
 * found: a repeat of such an id is claimed afresh and queued once more, which the appointment's version
 * makes harmless; they are purged by age like the others.
 */
@Adapter
public final class TableReceiptStore implements ReceiptStore {
    public static final String TABLE = "receipts";
    /**
     * The one partition every claim goes to. Azure's target for one partition is 2,000 entities a second
     * (all instances together); above it the service answers 503 and intake asks the PMS to retry.
     */
    static final String PARTITION = "claims";
    /** An entity group transaction's limit on operations. */
    static final int MAX_TRANSACTION = 100;

    /** Escaped ids longer than this are hashed, so every key fits the table's key size. */
    private static final int MAX_KEY_LENGTH = 200;
    private static final String HASHED = "~sha256~";

    private final Supplier<TableClient> table;
    private final Duration timeout;
    private final GroupCommit<TableEntity, Claim> claims =
            new GroupCommit<>(MAX_TRANSACTION, TableEntity::getRowKey, this::insertAll);

    /**
     * @param table the receipts table, fetched on each call so a storage outage at start-up heals
     * @param timeout the longest one storage call may take before intake answers 503 (a claim may also
     *     wait for the batch ahead of it)
     */
    public TableReceiptStore(Supplier<TableClient> table, Duration timeout) {
        this.table = table;
        this.timeout = timeout;
    }

    /** What one claim's insert came to: recorded, already there, or not known. */
    private record Claim(boolean recorded, RuntimeException failure) {
        static final Claim RECORDED = new Claim(true, null);
        static final Claim TAKEN = new Claim(false, null);

        static Claim failed(RuntimeException cause) {
            return new Claim(false, cause);
        }
    }

    @Override
    public boolean recordPending(Receipt receipt) throws StorageUnavailableException {
        Claim claim;
        try {
            claim = claims.submit(toEntity(receipt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("Interrupted before a receipt was recorded in table " + TABLE, e);
        } catch (RuntimeException e) {
            throw unavailable("record a receipt", e);
        }
        if (claim.failure() != null) {
            throw unavailable("record a receipt", claim.failure());
        }
        return claim.recorded();
    }

    /** How many claims wait for the batch in flight (for tests). */
    int waitingClaims() {
        return claims.waiting();
    }

    /**
     * One batch of claims: a plain insert when alone, else one transaction, sent again without the claim
     * that failed it until every claim has its answer.
     */
    private List<Claim> insertAll(List<TableEntity> entities) {
        Claim[] claimed = new Claim[entities.size()];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            open.add(i);
        }
        while (!open.isEmpty()) {
            List<TableEntity> batch = open.stream().map(entities::get).toList();
            List<Claim> answers = batch.size() == 1 ? List.of(insert(batch.get(0))) : transaction(batch);
            List<Integer> unanswered = new ArrayList<>();
            for (int at = 0; at < batch.size(); at++) {
                if (answers.get(at) == null) {
                    unanswered.add(open.get(at));
                } else {
                    claimed[open.get(at)] = answers.get(at);
                }
            }
            open = unanswered;
        }
        return Arrays.asList(claimed);
    }

    /**
     * Sends the claims as one transaction: every claim's answer; or, when one insert failed it and the
     * service said which, that one's answer and {@code null} for the others (not written: to send again).
     */
    private List<Claim> transaction(List<TableEntity> batch) {
        List<TableTransactionAction> inserts = batch.stream()
                .map(entity -> new TableTransactionAction(TableTransactionActionType.CREATE, entity)).toList();
        try {
            table.get().submitTransactionWithResponse(inserts, timeout, Context.NONE);
            return batch.stream().map(entity -> Claim.RECORDED).toList();
        } catch (TableTransactionFailedException e) {
            Integer failed = e.getFailedTransactionActionIndex();
            boolean exists = e.getValue() != null && TableErrorCode.ENTITY_ALREADY_EXISTS.equals(e.getValue().getErrorCode());
            if (failed != null && failed >= 0 && failed < batch.size()) {
                Claim[] answers = new Claim[batch.size()];
                answers[failed] = exists ? Claim.TAKEN : Claim.failed(e);
                return Arrays.asList(answers);
            }
            // Azure and Azurite name the failed insert; should a service not, a conflict is settled one by one.
            return batch.stream().map(entity -> exists ? insert(entity) : Claim.failed(e)).toList();
        } catch (RuntimeException e) {
            return batch.stream().map(entity -> Claim.failed(e)).toList();
        }
    }

    private Claim insert(TableEntity entity) {
        try {
            table.get().createEntityWithResponse(entity, timeout, Context.NONE);
            return Claim.RECORDED;
        } catch (TableServiceException e) {
            return e.getResponse() != null && e.getResponse().getStatusCode() == 409 ? Claim.TAKEN : Claim.failed(e);
        } catch (RuntimeException e) {
            return Claim.failed(e);
        }
    }

    @Override
    public Optional<Receipt> find(String webhookId) throws StorageUnavailableException {
        try {
            return Optional.of(fromEntity(table.get().getEntityWithResponse(PARTITION, key(webhookId), null, timeout,
                    Context.NONE).getValue()));
        } catch (TableServiceException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("read a receipt", e);
        } catch (RuntimeException e) {
            throw unavailable("read a receipt", e);
        }
    }

    @Override
    public void markQueued(String webhookId, Instant queuedAt) throws StorageUnavailableException {
        TableEntity update = new TableEntity(PARTITION, key(webhookId))
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
        try {
            table.get().deleteEntityWithResponse(new TableEntity(PARTITION, key(webhookId)), false, timeout, Context.NONE);
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
        TableEntity entity = new TableEntity(PARTITION, key(receipt.webhookId()))
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
