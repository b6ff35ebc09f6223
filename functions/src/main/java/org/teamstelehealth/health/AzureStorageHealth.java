package org.teamstelehealth.health;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.storage.queue.QueueClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.teamstelehealth.platform.Adapter;

/**
 * Probes the storage account with one cheap read each on a table and a queue the app uses (the
 * composition root picks them: the receipts table and the appointments queue), in parallel, each capped at a short timeout. A "not found" answer still proves storage is
 * reachable (the table or queue is created on first use). Needs only the data roles the app has.
 */
@Adapter
public final class AzureStorageHealth implements StorageHealth {
    private static final String PROBE_KEY = "health-probe";

    private final TableClient table;
    private final QueueClient queue;
    private final Duration timeout;

    /** @param table a table to probe; it need not exist yet (a 404 proves storage answered) */
    public AzureStorageHealth(TableClient table, QueueClient queue, Duration timeout) {
        this.table = table;
        this.queue = queue;
        this.timeout = timeout;
    }

    @Override
    public Status check() {
        CompletableFuture<Boolean> tables = CompletableFuture.supplyAsync(() -> reachable(this::probeTables));
        CompletableFuture<Boolean> queues = CompletableFuture.supplyAsync(() -> reachable(this::probeQueues));
        return new Status(await(tables), await(queues));
    }

    private void probeTables() {
        table.getEntityWithResponse(PROBE_KEY, PROBE_KEY, null, timeout, Context.NONE);
    }

    private void probeQueues() {
        queue.getPropertiesWithResponse(timeout, Context.NONE);
    }

    private static boolean reachable(Runnable probe) {
        try {
            probe.run();
            return true;
        } catch (RuntimeException e) {
            return answeredNotFound(e);
        }
    }

    /** The sync clients wrap the service's answer (queues: in an ExecutionException), so look down the chain. */
    private static boolean answeredNotFound(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException answer) {
                return answer.getResponse() != null && answer.getResponse().getStatusCode() == 404;
            }
        }
        return false;
    }

    /** Belt and braces: the SDK's own timeout should fire first, but a probe never holds the answer up. */
    private boolean await(CompletableFuture<Boolean> probe) {
        try {
            return probe.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
