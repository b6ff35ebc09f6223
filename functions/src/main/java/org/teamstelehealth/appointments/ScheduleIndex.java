package org.teamstelehealth.appointments;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.Tables;

/**
 * The providers' schedules in {@link TableAppointmentStore#SCHEDULE}: PartitionKey = provider id, RowKey = start (UTC,
 * fixed width) + "_" + appointment id, one entry per appointment, and in each provider's partition one more row,
 * {@value #CHANGE_ROW}: the provider's schedule change token, a new random id whenever an entry of that partition is
 * written or deleted. Start keys begin with a digit and {@code ~} sorts after every digit, so no window read (a range
 * of start keys) ever sees the token; being in the partition, it is written in the same transaction as the entries
 * it vouches for, so a schedule change costs one round trip per provider touched and the token can never lag behind.
 */
@Adapter
final class ScheduleIndex {
    static final String CHANGE_ROW = "~change";
    /** What {@link #change} answers for a provider whose schedule was never written. */
    static final String NEVER_CHANGED = "none";

    private final Supplier<TableClient> table;

    ScheduleIndex(Supplier<TableClient> table) {
        this.table = table;
    }

    /** The token of the provider's partition (its escaped id); one point read. */
    String change(String partition) {
        return read(partition, CHANGE_ROW).map(e -> (String) e.getProperty("Change")).orElse(NEVER_CHANGED);
    }

    /**
     * Makes the schedule hold {@code entry} (keyed "partition/row", or {@code null} for none) in place of the entry at
     * {@code previousKey}: a key the row did not have before is inserted blind (an insert that finds the key taken
     * looks, and writes only over an older version); an entry kept at its key is written unless a newer version is
     * already there; the previous key's entry is deleted. Each partition touched also gets a new change token, all
     * in one transaction per partition.
     */
    void put(String key, TableEntity entry, String previousKey, long version) {
        Map<String, List<TableTransactionAction>> byPartition = new LinkedHashMap<>();
        if (key != null) {
            if (!key.equals(previousKey)) {
                add(byPartition, TableTransactionActionType.CREATE, entry);
            } else if (!newerThere(entry, version)) {
                add(byPartition, TableTransactionActionType.UPSERT_REPLACE, entry);
            }
        }
        if (previousKey != null && !previousKey.equals(key)) {
            add(byPartition, TableTransactionActionType.DELETE, at(previousKey));
        }
        byPartition.forEach((partition, actions) -> actions.add(
                new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, token(partition))));
        byPartition.values().forEach(actions -> submit(actions, version));
    }

    /**
     * As {@link #put} of a new entry (the entry and its partition's token in one transaction), refused by the storage
     * ({@link TableAppointmentStore#refused}): nothing is written.
     */
    void rehearsePut(TableEntity entry) {
        TableAppointmentStore.refused(table.get(), List.of(entry, token(entry.getPartitionKey())));
    }

    /** Deletes the entry at {@code key} (if still there) and changes its provider's token. */
    void remove(String key) {
        put(null, null, key, Long.MAX_VALUE);
    }

    private static void add(Map<String, List<TableTransactionAction>> byPartition, TableTransactionActionType type,
            TableEntity entity) {
        byPartition.computeIfAbsent(entity.getPartitionKey(), p -> new ArrayList<>()).add(new TableTransactionAction(type, entity));
    }

    /**
     * One transaction; when it fails whole (a key already taken, an entry already gone), each action alone, the
     * token last, so it still changes after whatever did.
     */
    private void submit(List<TableTransactionAction> actions, long version) {
        try {
            table.get().submitTransaction(actions);
            return;
        } catch (TableTransactionFailedException e) {
            // one by one, below
        }
        for (TableTransactionAction action : actions) {
            TableEntity entity = action.getEntity();
            switch (action.getActionType()) {
                case CREATE -> {
                    if (!inserted(entity) && !newerThere(entity, version)) {
                        table.get().upsertEntity(entity);
                    }
                }
                case DELETE -> deleteIfThere(entity);
                default -> table.get().upsertEntity(entity);
            }
        }
    }

    private boolean inserted(TableEntity entry) {
        try {
            table.get().createEntity(entry);
            return true;
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private boolean newerThere(TableEntity entry, long version) {
        return read(entry.getPartitionKey(), entry.getRowKey())
                .map(there -> ((Number) there.getProperty("Version")).longValue() > version).orElse(false);
    }

    private void deleteIfThere(TableEntity entity) {
        try {
            table.get().deleteEntity(entity.getPartitionKey(), entity.getRowKey());
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    private Optional<TableEntity> read(String partition, String row) {
        return Tables.find(table.get(), partition, row);
    }

    /** A new random token: concurrent writers each leave a different one. */
    private static TableEntity token(String partition) {
        return new TableEntity(partition, CHANGE_ROW).addProperty("Change", UUID.randomUUID().toString());
    }

    private static TableEntity at(String key) {
        String[] parts = key.split("/", 2);
        return new TableEntity(parts[0], parts[1]);
    }
}
