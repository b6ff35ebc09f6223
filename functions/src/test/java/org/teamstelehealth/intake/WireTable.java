package org.teamstelehealth.intake;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.local.Azurite;
import reactor.core.publisher.Mono;

/**
 * A table on the shared Azurite as a {@link TableReceiptStore} fetches it, with every HTTP request that
 * reaches the wire recorded. A test can hold the next fetch (so the claim that makes it waits, in flight,
 * while others line up behind it), make the table unreachable, or lose the answer to the next request
 * after storage has acted on it. SDK retries are off, so one call is one request.
 */
final class WireTable implements Supplier<TableClient> {
    /** Each request on the wire, as "METHOD path", the reachable table's and the dead one's alike. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final TableClient reachable;
    private final TableClient dead;
    private final AtomicReference<Hold> gate = new AtomicReference<>();
    private final AtomicBoolean loseNextAnswer = new AtomicBoolean();
    private volatile boolean down;

    WireTable(StorageClients storage, String tableName) {
        storage.table(tableName);
        this.reachable = client(Azurite.shared().connectionString(), tableName);
        this.dead = client(TableReceiptStoreTest.deadConnectionString(), tableName);
    }

    @Override
    public TableClient get() {
        Hold hold = gate.getAndSet(null);
        if (hold != null) {
            hold.reached.countDown();
            Hold.await(hold.released, "the held call is released");
        }
        return down ? dead : reachable;
    }

    /** The next fetch waits, holding its claim in flight, until {@link Hold#release}. */
    Hold holdNextCall() {
        Hold hold = new Hold();
        gate.set(hold);
        return hold;
    }

    /** One held fetch. */
    static final class Hold {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Returns once a claim is being held. */
        void awaitReached() {
            await(reached, "a call is held");
        }

        void release() {
            released.countDown();
        }

        private static void await(CountDownLatch latch, String what) {
            try {
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("timed out waiting until " + what);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    void down(boolean down) {
        this.down = down;
    }

    /** Storage will act on the next transaction, but its answer never reaches the client (an I/O error instead). */
    void loseNextTransactionAnswer() {
        loseNextAnswer.set(true);
    }

    /** How many requests were transactions ({@code POST /$batch}). */
    long transactions() {
        return calls.stream().filter(call -> call.endsWith("/$batch")).count();
    }

    /** Waits (up to 30 s) until the condition holds, polling. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(2);
        }
    }

    private TableClient client(String connectionString, String tableName) {
        return new TableClientBuilder().connectionString(connectionString).tableName(tableName)
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(0)))
                .addPolicy(new Recording())
                .buildClient();
    }

    private final class Recording implements HttpPipelinePolicy {
        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            String call = context.getHttpRequest().getHttpMethod() + " " + context.getHttpRequest().getUrl().getPath();
            calls.add(call);
            return next.process().flatMap(response -> call.endsWith("/$batch") && loseNextAnswer.getAndSet(false)
                    ? Mono.error(new IOException("the answer was lost on the way back"))
                    : Mono.just(response));
        }
    }
}
