package org.teamstelehealth.platform;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Point reads where a missing entity is an answer, not a failure: Table Storage answers 404 both for no such entity
 * and for no such table (not created yet), and either way there is nothing to read. Any other failure is thrown as the
 * SDK threw it, for the adapter to translate.
 */
public final class Tables {
    private Tables() {}

    /** The entity at these keys, or empty when the table answers 404. */
    public static Optional<TableEntity> find(TableClient table, String partitionKey, String rowKey) {
        return find(() -> table.getEntity(partitionKey, rowKey));
    }

    /**
     * The entity at these keys, or empty when the table answers 404.
     *
     * @param select the columns to read, or {@code null} for all
     * @param timeout how long to wait for the answer, or {@code null} for the client's own limit
     */
    public static Optional<TableEntity> find(TableClient table, String partitionKey, String rowKey, List<String> select,
            Duration timeout) {
        return find(() -> table.getEntityWithResponse(partitionKey, rowKey, select, timeout, Context.NONE).getValue());
    }

    private static Optional<TableEntity> find(Supplier<TableEntity> read) {
        try {
            return Optional.of(read.get());
        } catch (TableServiceException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
