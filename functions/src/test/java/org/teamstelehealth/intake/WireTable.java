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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.local.Azurite;
import reactor.core.publisher.Mono;

/**
 * A table on the shared Azurite as {@link TableReceiptStore} fetches it, with every HTTP request that
 * reaches the wire recorded, and the answer to the next insert lost on demand (storage acted on it, the
 * client got an I/O error). SDK retries are off, so one call is one request.
 */
final class WireTable implements Supplier<TableClient> {
    /** Each request on the wire, as "METHOD path". */
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final TableClient client;
    private final AtomicBoolean loseNextInsertAnswer = new AtomicBoolean();

    WireTable(StorageClients storage, String tableName) {
        storage.table(tableName);
        this.client = new TableClientBuilder().connectionString(Azurite.shared().connectionString()).tableName(tableName)
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(0)))
                .addPolicy(new Recording())
                .buildClient();
    }

    @Override
    public TableClient get() {
        return client;
    }

    /** Storage will insert the next entity, but its answer never reaches the client. */
    void loseNextInsertAnswer() {
        loseNextInsertAnswer.set(true);
    }

    private final class Recording implements HttpPipelinePolicy {
        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            boolean insert = "POST".equals(context.getHttpRequest().getHttpMethod().name());
            calls.add(context.getHttpRequest().getHttpMethod() + " " + context.getHttpRequest().getUrl().getPath());
            return next.process().flatMap(response -> insert && loseNextInsertAnswer.getAndSet(false)
                    ? Mono.error(new IOException("the answer was lost on the way back"))
                    : Mono.just(response));
        }
    }
}
