package org.teamstelehealth.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.local.LocalHostOptions;
import org.teamstelehealth.testing.ContractExamples;

/**
 * Launch to first 202: a new JVM running the local host (every function, no stand-ins, fixed
 * settings, a fresh Azurite started beforehand and not counted) against a new JVM running a bare JDK
 * {@code HttpServer} that answers 202, launched the same way, alternately. The clock starts before
 * the process is spawned and stops when a signed webhook POSTed in a loop first gets a 202.
 *
 * <p>{@code benchmarks/run.sh startup [runs=5]}
 */
public final class StartupBenchmark {
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private StartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.println("Start-up benchmark: " + runs + " launches per side, alternating");
        System.out.println(Harness.machine());
        byte[] body = ContractExamples.body("created.json").getBytes(StandardCharsets.UTF_8);
        Path logs = Azurite.projectRoot().resolve("target/benchmarks");
        Files.createDirectories(logs);
        Harness.Series series = new Harness.Series("launch to first 202", "ms", false);
        for (int run = 1; run <= runs; run++) {
            try (Azurite azurite = Harness.freshAzurite()) {
                for (int side = 0; side < 2; side++) {
                    boolean isProject = (side == 0) == (run % 2 == 1);
                    Path log = logs.resolve("startup-" + (isProject ? "project" : "baseline") + "-" + run + ".log");
                    double millis = launchToFirst202(isProject ? ProjectHost.class : BareServer.class,
                            azurite.connectionString(), body, log);
                    System.out.printf(Locale.ROOT, "run %d %-8s: %.0f ms (load average %s)%n", run,
                            isProject ? "project" : "baseline", millis, Harness.loadAverage());
                    if (isProject) {
                        series.project(millis);
                        Files.readAllLines(log).stream().filter(l -> l.contains("phases"))
                                .forEach(l -> System.out.println("    " + l.trim()));
                    } else {
                        series.baseline(millis);
                    }
                }
            }
        }
        System.out.println();
        System.out.println(series.summary());
        System.out.printf(Locale.ROOT, "target: ratio <= 3: %s%n", series.ratio() <= 3 ? "met" : "MISSED");
        System.exit(0);
    }

    private static double launchToFirst202(Class<?> main, String connection, byte[] body, Path log) throws Exception {
        int port = Azurite.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.net.httpserver.nodelay=true", "-cp", System.getProperty("java.class.path"),
                main.getName(), Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BENCH_STORAGE", connection);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/webhooks/appointments");
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = started + GIVE_UP.toNanos();
            int attempt = 0;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(main.getSimpleName() + " exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    HttpResponse<Void> response = client.send(
                            IntakeBenchmark.signed(uri, "start_" + port + "_" + attempt++, body),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 202) {
                        return (System.nanoTime() - started) / 1e6;
                    }
                } catch (IOException e) {
                    // Not listening yet.
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException(main.getSimpleName() + " gave no 202 within " + GIVE_UP + "; see " + log);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The project: the local host with the benchmark's fixed settings, on the given port. */
    public static final class ProjectHost {
        private ProjectHost() {}

        public static void main(String[] args) throws Exception {
            Map<String, String> values = IntakeBenchmark.values(System.getenv("BENCH_STORAGE"));
            LocalHost.start(LocalHostOptions.forTests(values).httpPort(Integer.parseInt(args[0])).standIns(false));
            new CountDownLatch(1).await();
        }
    }

    /** The baseline: a bare JDK HTTP server answering 202 to everything. */
    public static final class BareServer {
        private BareServer() {}

        public static void main(String[] args) throws IOException {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 64);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            });
            server.start();
        }
    }
}
