package org.teamstelehealth.benchmarks;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.teamstelehealth.intake.SignatureVerifier;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.local.LocalHostOptions;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.TestSettings;

/**
 * Intake throughput and latency at N connections: the local host's webhook route (signature, schema,
 * receipt claim, queue put) against a bare JDK {@code HttpServer} doing the minimum durable work, one
 * queue put per request, on the same fresh Azurite, alternately, for each of several runs.
 *
 * <p>{@code benchmarks/run.sh intake [runs=3] [connections=16] [seconds=8] [warmUpSeconds=3] [dedupe]}
 *
 * <p>{@code dedupe}, a diagnostic and not the figure: the bare server also claims each webhook-id first (an insert
 * of an entity with no columns of its own; a 409 answers 200), the least durable work that still drops a repeated
 * webhook as the contract requires, so the ratio shows what the project spends beyond that.
 */
public final class IntakeBenchmark {
    static final String SECRET = TestSettings.WEBHOOK_SECRET;
    private static final String ROUTE = "/api/webhooks/appointments";
    /** The local host's HTTP pool size, so both servers answer with as many threads. */
    private static final int SERVER_THREADS = 8;
    /** Warm-up goes on in slices of this length while the JIT compilers are busy... */
    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(2);
    /** ...busy meaning more than this much compiling in a slice... */
    private static final long JIT_BUSY_MILLIS = 200;
    /** ...up to this long in all. */
    private static final Duration MAX_WARM_UP = Duration.ofSeconds(60);

    private IntakeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = arg(args, 0, 3);
        int connections = arg(args, 1, 16);
        Duration measure = Duration.ofSeconds(arg(args, 2, 8));
        Duration warmUp = Duration.ofSeconds(arg(args, 3, 3));
        boolean dedupe = Arrays.asList(args).contains("dedupe");
        System.out.println("Intake benchmark: " + runs + " runs, " + connections + " connections, " + measure.toSeconds()
                + " s measured after at least " + warmUp.toSeconds() + " s warm-up (longer while the JIT compiles, up to "
                + MAX_WARM_UP.toSeconds() + " s), per side per run; baseline: " + (dedupe
                ? "claim insert + queue put (diagnostic)" : "one queue put"));
        System.out.println(Harness.machine());
        byte[] body = ContractExamples.body("created.json").getBytes(StandardCharsets.UTF_8);
        Harness.Series throughput = new Harness.Series("intake throughput", "req/s", true);
        Harness.Series p99 = new Harness.Series("intake p99", "ms", false);
        Harness.Series p50 = new Harness.Series("intake p50", "ms", false);
        for (int run = 1; run <= runs; run++) {
            try (Azurite azurite = Harness.freshAzurite();
                    LocalHost host = LocalHost.start(LocalHostOptions.forTests(values(azurite.connectionString())).standIns(false)
                            .packages("org.teamstelehealth.intake")
                            .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
                    Baseline baseline = Baseline.start(azurite, dedupe)) {
                URI project = host.uri(ROUTE);
                // Alternate which side goes first, so neither always meets a fuller Azurite.
                boolean projectFirst = run % 2 == 1;
                for (int side = 0; side < 2; side++) {
                    boolean isProject = (side == 0) == projectFirst;
                    URI target = isProject ? project : baseline.uri();
                    String prefix = (isProject ? "p" : "b") + run + "_";
                    Duration warmed = warm(connections, warmUp,
                            slice -> n -> signed(target, prefix + "w" + slice + "_" + n, body));
                    Cpu before = Cpu.now(azurite);
                    Harness.Load load = Harness.drive(connections, Duration.ZERO, measure, 202,
                            n -> signed(target, prefix + n, body));
                    Cpu used = Cpu.now(azurite).minus(before);
                    System.out.printf(Locale.ROOT, "run %d %-8s: %s; CPU per request: this JVM %.2f ms, Azurite %.2f ms;"
                            + " JIT compiling %.1f s; warmed %d s (load average %s)%n", run, isProject ? "project" : "baseline", load,
                            used.jvmNanos() / 1e6 / load.requests(), used.azuriteNanos() / 1e6 / load.requests(),
                            used.jitMillis() / 1e3, warmed.toSeconds(), Harness.loadAverage());
                    if (isProject) {
                        throughput.project(load.perSecond());
                        p99.project(load.p99Millis());
                        p50.project(load.p50Millis());
                    } else {
                        throughput.baseline(load.perSecond());
                        p99.baseline(load.p99Millis());
                        p50.baseline(load.p50Millis());
                    }
                }
            }
        }
        System.out.println();
        System.out.println(throughput.summary());
        System.out.println(p50.summary());
        System.out.println(p99.summary());
        System.out.printf(Locale.ROOT, "targets: throughput ratio >= 0.70: %s; project p99 < 50 ms: %s%n",
                throughput.ratio() >= 0.70 ? "met" : "MISSED", Harness.median(p99.projectValues()) < 50 ? "met" : "MISSED");
        System.exit(0);
    }

    /**
     * Drives the side for {@code warmUp}, then on in slices while a slice still had the JIT compiling
     * for more than {@value #JIT_BUSY_MILLIS} ms: the project's paths (schema validation, Jackson, two SDKs)
     * take the compilers far longer than the baseline's, and a window measured while they run measures them.
     *
     * @param requests the requests of each slice (numbered from 0), each under fresh webhook ids
     * @return how long it was warmed
     */
    private static Duration warm(int connections, Duration warmUp, IntFunction<IntFunction<HttpRequest>> requests) {
        long started = System.nanoTime();
        Harness.drive(connections, Duration.ZERO, warmUp, 202, requests.apply(0));
        long compiled;
        int slice = 0;
        do {
            long before = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            Harness.drive(connections, Duration.ZERO, WARM_UP_SLICE, 202, requests.apply(++slice));
            compiled = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - before;
        } while (compiled > JIT_BUSY_MILLIS && System.nanoTime() - started < MAX_WARM_UP.toNanos());
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * CPU time used so far by this JVM (driver, both servers, their SDK clients, and the JIT compiler's
     * threads) and by the Azurite process (single-threaded node: the resource both sides compete for),
     * and the time the JIT compilers have spent.
     */
    record Cpu(long jvmNanos, long azuriteNanos, long jitMillis) {
        static Cpu now(Azurite azurite) {
            String port = "--tablePort " + azurite.tablePort();
            long node = ProcessHandle.current().children()
                    .filter(child -> child.info().commandLine().orElse("").contains(port))
                    .mapToLong(child -> child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                    .sum();
            return new Cpu(ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L), node,
                    ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(jvmNanos - earlier.jvmNanos, azuriteNanos - earlier.azuriteNanos, jitMillis - earlier.jitMillis);
        }
    }

    /** A webhook as the PMS sends it, signed now, under a fresh id. */
    static HttpRequest signed(URI uri, String webhookId, byte[] body) {
        long timestamp = Instant.now().getEpochSecond();
        return Harness.post(uri, body, "Content-Type", "application/json", "webhook-id", webhookId,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", SignatureVerifier.sign(SECRET, webhookId, timestamp, body));
    }

    /** Settings for the local host against this storage; nothing but storage is reached by intake. */
    static Map<String, String> values(String storageConnection) {
        return TestSettings.values(storageConnection);
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** The baseline: read the body, put it on a queue, answer 202; with {@code dedupe}, claim its webhook-id first. */
    static final class Baseline implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService pool;

        private Baseline(HttpServer server, ExecutorService pool) {
            this.server = server;
            this.pool = pool;
        }

        static Baseline start(Azurite azurite, boolean dedupe) throws IOException {
            TableClient claims = dedupe ? new TableClientBuilder()
                    .connectionString(azurite.connectionString()).tableName("receiptsbaseline").buildClient() : null;
            if (claims != null) {
                claims.createTable();
            }
            QueueClient queue = new QueueClientBuilder().connectionString(azurite.connectionString())
                    .queueName(AppointmentMessage.QUEUE + "-baseline").messageEncoding(QueueMessageEncoding.BASE64)
                    .buildClient();
            queue.createIfNotExists();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService pool = Executors.newFixedThreadPool(SERVER_THREADS);
            server.setExecutor(pool);
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (claims != null) {
                        String id = exchange.getRequestHeaders().getFirst("webhook-id");
                        try {
                            claims.createEntity(new TableEntity(id, id));
                        } catch (TableServiceException e) {
                            exchange.sendResponseHeaders(e.getResponse().getStatusCode() == 409 ? 200 : 503, -1);
                            return;
                        }
                    }
                    queue.sendMessage(body);
                    exchange.sendResponseHeaders(202, -1);
                } catch (RuntimeException e) {
                    exchange.sendResponseHeaders(503, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return new Baseline(server, pool);
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + ROUTE);
        }

        @Override
        public void close() {
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
