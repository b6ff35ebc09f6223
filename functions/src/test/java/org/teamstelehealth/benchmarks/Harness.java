package org.teamstelehealth.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.teamstelehealth.local.Azurite;

/**
 * What every benchmark in {@code benchmarks/} shares: a fresh Azurite, a closed-loop HTTP load driver,
 * repeated alternating runs of the project and its baseline, and the min / median / max / ratio
 * printout. Not a test: nothing here runs under surefire. See {@code benchmarks/README.md}.
 */
public final class Harness {
    private Harness() {}

    /** Held here: the log manager keeps loggers only weakly, and a collected one would lose its handler. */
    private static final java.util.logging.Logger APPOINTMENTS_LOG = java.util.logging.Logger.getLogger("Function.appointments");
    private static final java.util.regex.Pattern APPLIED =
            java.util.regex.Pattern.compile("appointment (\\S+) version \\d+: APPLIED");

    /**
     * When each appointment was first logged {@code APPLIED} by the appointments function in this JVM
     * ({@link System#nanoTime()}, by appointment id), filled in as it happens.
     */
    public static Map<String, Long> appliedTimes() {
        Map<String, Long> applied = new ConcurrentHashMap<>();
        APPOINTMENTS_LOG.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                java.util.regex.Matcher m = APPLIED.matcher(String.valueOf(record.getMessage()));
                if (m.find()) {
                    applied.putIfAbsent(m.group(1), System.nanoTime());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        return applied;
    }

    /** A new in-memory Azurite on free ports, for one run; close it when the run ends. */
    public static Azurite freshAzurite() {
        return Azurite.start(Azurite.projectRoot(), Azurite.freePort(), Azurite.freePort(), null);
    }

    /** What one load run measured. */
    public record Load(int requests, int failures, double seconds, long[] latencyNanos, Map<Integer, Integer> statuses) {
        public double perSecond() {
            return requests / seconds;
        }

        public double p50Millis() {
            return percentileMillis(0.50);
        }

        public double p99Millis() {
            return percentileMillis(0.99);
        }

        public double percentileMillis(double p) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latencyNanos.length - 1, Math.ceil(p * latencyNanos.length) - 1);
            return latencyNanos[Math.max(0, index)] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f req/s, p50 %.1f ms, p99 %.1f ms, %d requests, %d failed, statuses %s",
                    perSecond(), p50Millis(), p99Millis(), requests, failures, statuses);
        }
    }

    /**
     * A closed loop: {@code connections} threads, each sending its next request as soon as the last one
     * is answered, for {@code warmUp} (not counted) and then {@code measure}. An answer other than
     * {@code expected} (or an I/O error) counts as a failure; its latency is still recorded.
     *
     * @param requests the request to send, given a running number unique across all threads
     */
    public static Load drive(int connections, Duration warmUp, Duration measure, int expected,
            IntFunction<HttpRequest> requests) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong counter = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        List<long[]> perThread = new java.util.concurrent.CopyOnWriteArrayList<>();
        int[] counts = new int[connections];
        int[] failures = new int[connections];
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(connections);
        for (int t = 0; t < connections; t++) {
            perThread.add(new long[1 << 14]);
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= end) {
                            return;
                        }
                        int status = send(client, requests.apply((int) counter.getAndIncrement()));
                        long answered = System.nanoTime();
                        if (sent >= measureFrom) {
                            long[] latencies = perThread.get(thread);
                            if (counts[thread] == latencies.length) {
                                latencies = Arrays.copyOf(latencies, latencies.length * 2);
                                perThread.set(thread, latencies);
                            }
                            latencies[counts[thread]++] = answered - sent;
                            statuses.merge(status, 1, Integer::sum);
                            if (status != expected) {
                                failures[thread]++;
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        await(done);
        double seconds = (Math.max(System.nanoTime(), end) - measureFrom) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < connections; t++) {
            System.arraycopy(perThread.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Load(total, Arrays.stream(failures).sum(), seconds, all, new TreeMap<>(statuses));
    }

    /** The status, or -1 when the request failed without one. */
    private static int send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** One figure measured for the project and its baseline, run after run. */
    public static final class Series {
        private final String figure;
        private final String unit;
        private final boolean higherIsBetter;
        private final List<Double> project = new ArrayList<>();
        private final List<Double> baseline = new ArrayList<>();

        /**
         * @param higherIsBetter throughput (ratio = project / baseline) rather than time (same ratio,
         *     read the other way)
         */
        public Series(String figure, String unit, boolean higherIsBetter) {
            this.figure = figure;
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
        }

        public void project(double value) {
            project.add(value);
        }

        public void baseline(double value) {
            baseline.add(value);
        }

        /** min / median / max of each side and the ratio of the medians (project / baseline). */
        public String summary() {
            double ratio = median(project) / median(baseline);
            return String.format(Locale.ROOT, "%s (%s, %d runs each)%n  project : %s%n  baseline: %s%n"
                    + "  ratio project/baseline (medians): %.2f%s",
                    figure, unit, project.size(), minMedianMax(project), minMedianMax(baseline), ratio,
                    higherIsBetter ? " (higher is better)" : " (lower is better)");
        }

        public double ratio() {
            return median(project) / median(baseline);
        }

        public List<Double> projectValues() {
            return List.copyOf(project);
        }
    }

    /** One figure without a baseline (e.g. a count or a first-vs-warm comparison), min / median / max. */
    public static String minMedianMax(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "min %.2f / median %.2f / max %.2f", sorted[0], median(values),
                sorted[sorted.length - 1]);
    }

    public static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The lines RESULTS.md wants next to a figure: date, commit, cores, memory, load average. The load
     * average matters: other builds may share the machine.
     */
    public static String machine() {
        return String.format(Locale.ROOT, "date %s, commit %s, %d cores, %s, load average %s, java %s",
                Instant.now(), run("git", "rev-parse", "--short", "HEAD"), Runtime.getRuntime().availableProcessors(),
                memory(), loadAverage(), System.getProperty("java.version"));
    }

    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            String total = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
            return total;
        } catch (IOException e) {
            return "memory unknown";
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(Azurite.projectRoot().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** A POST of these bytes with these headers (name, value, name, value...). */
    public static HttpRequest post(URI uri, byte[] body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
