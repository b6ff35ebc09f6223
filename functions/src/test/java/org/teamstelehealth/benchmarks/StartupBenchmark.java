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
 * <p>{@code benchmarks/run.sh startup [runs=5] [warmUp=on|off] [cds]}: with {@code off} the project skips the warm-up it
 * does once listening ({@code LocalHostOptions.warmUp}), to see whether that slows the first 202. With {@code cds} (a
 * diagnostic, see {@link ClassDataSharing}) the project runs from jars with an application class-data-sharing archive
 * written by one training launch before the measured ones; the baseline keeps the JDK's default archive.
 */
public final class StartupBenchmark {
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private StartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        boolean warmUp = args.length <= 1 || !args[1].equals("off");
        boolean cds = args.length > 2 && args[2].equals("cds");
        System.out.println("Start-up benchmark: " + runs + " launches per side, alternating; project warm-up "
                + (warmUp ? "on" : "off") + (cds ? "; project with an application class-data-sharing archive" : ""));
        System.out.println(Harness.machine());
        byte[] body = ContractExamples.body("created.json").getBytes(StandardCharsets.UTF_8);
        Path logs = Azurite.projectRoot().resolve("target/benchmarks");
        Files.createDirectories(logs);
        List<String> project = javaCommand();
        if (cds) {
            project = trainedArchive(body, logs, warmUp);
        }
        Harness.Series series = new Harness.Series("launch to first 202", "ms", false);
        Harness.Series cpu = new Harness.Series("CPU time of the launched JVM until its first 202", "ms", false);
        for (int run = 1; run <= runs; run++) {
            try (Azurite azurite = Harness.freshAzurite()) {
                for (int side = 0; side < 2; side++) {
                    boolean isProject = (side == 0) == (run % 2 == 1);
                    Path log = logs.resolve("startup-" + (isProject ? "project" : "baseline") + "-" + run + ".log");
                    Launch launch = isProject
                            ? launchToFirst202(project, ProjectHost.class, azurite.connectionString(), body, log, warmUp)
                            : launchToFirst202(javaCommand(), BareServer.class, azurite.connectionString(), body, log, warmUp);
                    System.out.printf(Locale.ROOT, "run %d %-8s: %.0f ms, CPU %.0f ms (load average %s)%n", run,
                            isProject ? "project" : "baseline", launch.millis(), launch.cpuMillis(), Harness.loadAverage());
                    if (isProject) {
                        series.project(launch.millis());
                        cpu.project(launch.cpuMillis());
                        Files.readAllLines(log).stream().filter(l -> l.contains("phases"))
                                .forEach(l -> System.out.println("    " + l.trim()));
                    } else {
                        series.baseline(launch.millis());
                        cpu.baseline(launch.cpuMillis());
                    }
                }
            }
        }
        System.out.println();
        System.out.println(series.summary());
        System.out.println(cpu.summary());
        System.out.printf(Locale.ROOT, "target: ratio <= 3: %s%n", series.ratio() <= 3 ? "met" : "MISSED");
        System.exit(0);
    }

    /** Wall-clock time to the first 202, and the CPU time the launched JVM had used by then (all its threads). */
    private record Launch(double millis, double cpuMillis) {}

    /**
     * Lays out the jars, launches the project once with {@code -XX:ArchiveClassesAtExit} up to its first 202 (the
     * archive is written as that JVM exits), and answers how to launch it with the archive.
     */
    private static List<String> trainedArchive(byte[] body, Path logs, boolean warmUp) throws Exception {
        ClassDataSharing cds = ClassDataSharing.prepare(Azurite.projectRoot());
        Files.deleteIfExists(cds.archive());
        try (Azurite azurite = Harness.freshAzurite()) {
            Launch training = launchToFirst202(javaCommand(cds.classPath(), "-XX:ArchiveClassesAtExit=" + cds.archive()),
                    ProjectHost.class, azurite.connectionString(), body, logs.resolve("startup-cds-training.log"), warmUp);
            System.out.printf(Locale.ROOT, "training launch (writes the archive): %.0f ms%n", training.millis());
        }
        if (!Files.isRegularFile(cds.archive())) {
            throw new IllegalStateException("No archive was written; see " + logs.resolve("startup-cds-training.log"));
        }
        System.out.printf(Locale.ROOT, "archive %s: %,d bytes%n", cds.archive(), Files.size(cds.archive()));
        return javaCommand(cds.classPath(), "-XX:SharedArchiveFile=" + cds.archive());
    }

    private static Launch launchToFirst202(List<String> java, Class<?> main, String connection, byte[] body, Path log,
            boolean warmUp) throws Exception {
        int port = Azurite.freePort();
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of(main.getName(), Integer.toString(port), Boolean.toString(warmUp)));
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
                        double millis = (System.nanoTime() - started) / 1e6;
                        return new Launch(millis, process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN));
                    }
                } catch (IOException e) {
                    // Not listening yet.
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException(main.getSimpleName() + " gave no 202 within " + GIVE_UP + "; see " + log);
        } finally {
            process.destroy();
            // A training launch writes its archive (tens of MB) while it exits.
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * How a launched JVM starts, up to its main class: this JVM's java and class path, nodelay, and the options in
     * {@code -Dbenchmark.jvmOptions="..."} (space-separated; {@code benchmarks/run.sh} passes the Java worker's
     * own flags and those {@code infra/app/api.bicep} ships). Add e.g.
     * {@code -Xlog:class+load:file=/tmp/cl-%p.log:uptime} there to see where the time goes.
     */
    static List<String> javaCommand() {
        return javaCommand(System.getProperty("java.class.path"));
    }

    private static List<String> javaCommand(String classPath, String... extraOptions) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.net.httpserver.nodelay=true"));
        String options = System.getProperty("benchmark.jvmOptions", "").trim();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of(extraOptions));
        command.addAll(List.of("-cp", classPath));
        return command;
    }

    /**
     * The project: the local host with the benchmark's fixed settings, on the given port, warming up (as
     * {@code scripts/run-local.sh} does) unless told not to.
     */
    public static final class ProjectHost {
        private ProjectHost() {}

        public static void main(String[] args) throws Exception {
            Map<String, String> values = IntakeBenchmark.values(System.getenv("BENCH_STORAGE"));
            LocalHost.start(LocalHostOptions.forTests(values).httpPort(Integer.parseInt(args[0])).standIns(false)
                    .warmUp(Boolean.parseBoolean(args[1])));
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
