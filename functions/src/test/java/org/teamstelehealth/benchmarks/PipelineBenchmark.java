package org.teamstelehealth.benchmarks;

import com.azure.storage.queue.QueueClient;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.teamstelehealth.local.HostConfig;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.local.LocalHostOptions;
import org.teamstelehealth.local.StandIn;
import org.teamstelehealth.local.graph.FakeGraph;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.TestSettings;

/**
 * The appointments pipeline under load (a plain {@code main}, not a test): the local host's queue poller with
 * host.json's queue settings runs the real appointments function against a fresh in-memory Azurite and the Graph
 * stand-in answering every request after a fixed delay. N new bookings are put on the {@code appointments} queue at
 * once; it reports appointments/s and queued→ready latency (p50/p95), per repetition and min/median/max over them.
 *
 * <p>The baseline, measured in the same repetition just before the pipeline run: the stand-in's latency as a client
 * sees it (20 sequential requests), and from it the design ceiling = the most the host runs at once (host.json's
 * batchSize + newBatchThreshold) ÷ Graph calls per booking (counted on the stand-in) × latency. Ratio = pipeline
 * appointments/s ÷ ceiling.
 *
 * <p>Arguments: [bookings=500] [repetitions=3] [graphLatencyMs=150], then in any order {@code profile} and the
 * workload: {@code spread} (the default: {@value Workload#PROVIDERS} providers, each booking its own patient and its
 * provider's own start, over {@value Workload#DAYS} days) or {@code one-provider} (every booking the contract
 * example's provider, patient and start minute: the hot-partition worst case, the figure's workload until
 * 2026-12-02). Diagnostics, not the figure: {@code probe}, {@code hold-notifications}, and {@code batch=B/T}, which
 * runs the poller with batchSize B and newBatchThreshold T instead of host.json's (the ceiling keeps host.json's
 * concurrency, so shapes are compared at the same budget).
 */
public final class PipelineBenchmark {

    /** {@code batch=B/T} as {B, T}, or {@code null} for host.json's. */
    private static int[] batchShape(List<String> options) {
        for (String option : options) {
            Matcher m = Pattern.compile("batch=(\\d+)/(\\d+)").matcher(option);
            if (m.matches()) {
                return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            }
        }
        return null;
    }

    public static void main(String[] args) throws Exception {
        int bookings = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        List<String> options = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
        boolean profile = options.contains("profile");
        boolean probe = options.contains("probe");
        Workload workload = options.contains("one-provider") ? Workload.ONE_PROVIDER : Workload.SPREAD;
        HostConfig hostJson = HostConfig.read(Path.of("."));
        int batchSize = hostJson.queues().batchSize();
        int concurrency = hostJson.queues().maxConcurrent();
        int[] shape = batchShape(options);
        LatencyGraph graph = new LatencyGraph(latencyMs);
        Map<String, Long> ready = Harness.appliedTimes();
        Map<String, String> values = TestSettings.values();
        values.put("GRAPH_TENANT_ID", "benchmark-uses-its-own-stand-in");
        boolean holdNotifications = options.contains("hold-notifications");
        if (holdNotifications) {
            // A diagnostic, not the figure: what the invitations running beside the bookings cost them.
            values.put("AzureWebJobs.notifications.Disabled", "true");
        }
        List<double[]> runs = new ArrayList<>();
        Invocations invocations = new Invocations();
        LocalHostOptions hostOptions = LocalHostOptions.forTests(values).projectRoot(Path.of("."))
                .addStandIn(graph).out(new PrintStream(invocations, true));
        if (shape != null) {
            hostOptions.queueOptions(q -> q.withBatchSize(shape[0]).withNewBatchThreshold(shape[1]));
            System.out.printf("diagnostic: the poller fetches %d when %d or fewer run (host.json's %d/%d kept for the"
                    + " ceiling)%n", shape[0], shape[1], batchSize, hostJson.queues().newBatchThreshold());
        }
        try (LocalHost host = LocalHost.start(hostOptions)) {
            QueueClient queue = host.application().storage().queue(AppointmentMessage.QUEUE);
            System.out.printf("host.json queues: batchSize %d, newBatchThreshold %d (up to %d at once); Graph stand-in"
                    + " delay %d ms; %d bookings x %d repetitions; workload %s; load average %s%n", batchSize,
                    hostJson.queues().newBatchThreshold(), hostJson.queues().maxConcurrent(), latencyMs, bookings,
                    repetitions, workload.describe() + (holdNotifications ? "; notifications function held" : ""),
                    loadAverage());
            if (workload == Workload.SPREAD) {
                graph.checkResolves(Workload.providers());
            }
            // JIT, connection pools, tables and queues created
            run(host, queue, "warm-up", 40, workload, ready, graph, () -> { });
            StorageProbe storageProbe = probe ? new StorageProbe(host.application().storage().queue("pipeline-probe")) : null;
            if (storageProbe != null) {
                long idleFrom = System.nanoTime();
                Thread.sleep(4_000);
                System.out.println(storageProbe.report("host idle", idleFrom, System.nanoTime()));
            }
            for (int r = 1; r <= repetitions; r++) {
                double latency = graph.measureLatencyMillis(20);
                graph.requests.set(0);
                invocations.clear();
                QueueWorkerProfile sampler = profile ? new QueueWorkerProfile(Duration.ofMillis(50)) : null;
                long started = System.nanoTime();
                double[] pipeline = run(host, queue, "run-" + r, bookings, workload, ready, graph, () -> {
                    if (sampler != null) {
                        sampler.close();
                    }
                });
                if (sampler == null && shape != null) {
                    invocations.report().forEach(System.out::println);
                }
                if (sampler != null) {
                    sampler.report(bookings / pipeline[0], bookings).forEach(System.out::println);
                    invocations.report().forEach(System.out::println);
                }
                if (storageProbe != null) {
                    // the steady part: from 2 s in until 1 s before the last booking was ready
                    long steadyTo = started + (long) (bookings / pipeline[0] * 1e9) - 1_000_000_000L;
                    System.out.println(storageProbe.report("bookings running", started + 2_000_000_000L, steadyTo));
                }
                double callsPerBooking = pipeline[3];
                double ceiling = concurrency / (callsPerBooking * latency / 1000.0);
                runs.add(new double[] {pipeline[0], pipeline[1], pipeline[2], ceiling, pipeline[0] / ceiling, pipeline[4],
                        pipeline[5], pipeline[5] / ceiling});
                System.out.printf("rep %d: baseline stand-in latency %.1f ms, %.2f Graph calls/booking, ceiling %.1f/s |"
                        + " pipeline %.1f appointments/s, p50 %.0f ms, p95 %.0f ms | ratio %.3f | first ready %.0f ms after"
                        + " the first was queued; first to last ready %.1f/s, ratio %.3f | load %s%n", r, latency,
                        callsPerBooking, ceiling, pipeline[0], pipeline[1], pipeline[2], pipeline[0] / ceiling, pipeline[4],
                        pipeline[5], pipeline[5] / ceiling, loadAverage());
            }
            if (storageProbe != null) {
                storageProbe.close();
            }
        }
        String[] names = {"appointments/s", "queued->ready p50 ms", "queued->ready p95 ms", "design ceiling /s",
                "ratio to ceiling", "first ready after ms", "first->last ready /s", "  its ratio"};
        for (int i = 0; i < names.length; i++) {
            int column = i;
            List<Double> sorted = runs.stream().map(v -> v[column]).sorted().toList();
            System.out.printf("%-22s min %8.3f  median %8.3f  max %8.3f%n", names[i], sorted.get(0),
                    sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        }
        System.exit(0);
    }

    /**
     * @param allReady run as soon as the last booking is ready, before waiting for the other queues to drain
     * @return {appointments/s, p50 ms, p95 ms, Graph calls per booking, first ready ms after first queued}
     */
    private static double[] run(LocalHost host, QueueClient queue, String tag, int bookings, Workload workload,
            Map<String, Long> ready, LatencyGraph graph, Runnable allReady) throws Exception {
        Map<String, Long> queued = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        long first = System.nanoTime();
        for (int i = 0; i < bookings; i++) {
            String id = tag + "-" + i;
            AppointmentMessage booking = workload.next(id);
            senders.execute(() -> {
                String message = Json.write(booking);
                queue.sendMessage(message);
                queued.put(id, System.nanoTime());
            });
        }
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.MINUTES);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!queued.keySet().stream().allMatch(ready::containsKey)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(tag + ": not every booking became ready in 10 minutes");
            }
            Thread.sleep(20);
        }
        allReady.run();
        double graphPerBooking = graph.requests.get() / (double) bookings;
        host.awaitQueueIdle(AppointmentMessage.QUEUE, Duration.ofMinutes(2));
        long last = queued.keySet().stream().mapToLong(ready::get).max().orElseThrow();
        List<Long> latencies = queued.entrySet().stream().map(e -> ready.get(e.getKey()) - e.getValue()).sorted().toList();
        double seconds = (last - first) / 1e9;
        long firstReady = queued.keySet().stream().mapToLong(ready::get).min().orElseThrow();
        // From the first booking ready to the last: the rate once the poller is awake (an idle poller wakes up to
        // maxPollingInterval after the first message arrives, as the host's does), over the same bookings less one.
        double readySpan = (last - firstReady) / 1e9;
        return new double[] {bookings / seconds, percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.95) / 1e6,
                graphPerBooking, (firstReady - first) / 1e6, (bookings - 1) / readySpan};
    }

    /**
     * What the bookings are: all the contract example ({@code lifecycle-1-created.json}) under their own ids, and
     * for {@link #SPREAD} each with its own patient (id, mobile, email) and a start of its own: the n-th booking of
     * the run (warm-up included) goes to provider n mod {@value #PROVIDERS}, day (n ÷ {@value #PROVIDERS}) mod
     * {@value #DAYS} after the example's, at 08:00 + 30 min × (n ÷ ({@value #PROVIDERS} × {@value #DAYS})) local
     * time: no provider has two appointments at one start, so the schedule, reminder, retention and attendance
     * partitions hold what a clinic's would, not every booking of the run.
     */
    enum Workload {
        SPREAD, ONE_PROVIDER;

        static final int PROVIDERS = 25;
        static final int DAYS = 20;
        private static final String EXAMPLE = "lifecycle-1-created.json";
        private static final AtomicInteger BOOKED = new AtomicInteger();

        String describe() {
            return this == SPREAD ? "spread (" + PROVIDERS + " providers x " + DAYS + " days, a patient and start each)"
                    : "one-provider (the contract example's provider, patient and start for every booking)";
        }

        AppointmentMessage next(String id) {
            AppointmentMessage example = ContractExamples.message(EXAMPLE, id);
            if (this == ONE_PROVIDER) {
                return example;
            }
            int n = BOOKED.getAndIncrement();
            Snapshot s = example.snapshot();
            ZonedDateTime start = s.start().atZoneSameInstant(ZoneId.of(s.timeZone())).toLocalDate()
                    .plusDays((n / PROVIDERS) % DAYS).atTime(8, 0).plusMinutes(30L * (n / (PROVIDERS * DAYS)))
                    .atZone(ZoneId.of(s.timeZone()));
            Snapshot.Patient p = s.patient();
            Snapshot.Patient patient = new Snapshot.Patient("bp" + n, String.format("9%05d", n), p.title(), p.givenName(),
                    p.familyName(), p.displayName(), String.format("+61415%06d", n), "patient" + n + "@example.com",
                    p.contactPreference());
            Snapshot spread = new Snapshot(id, s.version(), s.status(), start.toOffsetDateTime(), s.durationMinutes(),
                    s.timeZone(), s.comments(), s.appointmentType(), patient, providers().get(n % PROVIDERS),
                    s.location(), s.session());
            return new AppointmentMessage(example.webhookId(), example.type(), example.receivedAt(), 0, spread);
        }

        /** Each with its UPN and the object id Graph (and its stand-in, {@code FakeGraph}) gives that UPN. */
        static List<Snapshot.Provider> providers() {
            List<Snapshot.Provider> providers = new ArrayList<>();
            for (int i = 0; i < PROVIDERS; i++) {
                String upn = String.format("provider%02d@clintel.onmicrosoft.com", i);
                providers.add(new Snapshot.Provider("bench-" + i, "Dr Provider " + i, upn,
                        UUID.nameUUIDFromBytes(upn.getBytes(StandardCharsets.UTF_8)).toString(), upn));
            }
            return providers;
        }
    }

    /** The host's "Executed 'f' (Succeeded, Id=..., Duration=Nms)" lines: invocation times per function. */
    private static final class Invocations extends OutputStream {
        private static final Pattern EXECUTED = Pattern.compile("Executed '([^']+)' \\((\\w+), Id=[^,]+, Duration=(\\d+)ms\\)");
        private final StringBuilder line = new StringBuilder();
        private final Map<String, List<Long>> durations = new ConcurrentHashMap<>();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                Matcher m = EXECUTED.matcher(line);
                if (m.find()) {
                    durations.computeIfAbsent(m.group(1) + " " + m.group(2), k -> java.util.Collections.synchronizedList(
                            new ArrayList<>())).add(Long.parseLong(m.group(3)));
                }
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }

        void clear() {
            durations.clear();
        }

        List<String> report() {
            List<String> lines = new ArrayList<>();
            durations.forEach((function, list) -> {
                List<Long> sorted = list.stream().sorted().toList();
                lines.add(String.format("  invocations %s: %d, mean %.0f ms, p50 %.0f, p95 %.0f, max %d", function,
                        sorted.size(), sorted.stream().mapToLong(Long::longValue).average().orElse(0),
                        percentile(sorted, 0.5), percentile(sorted, 0.95), sorted.get(sorted.size() - 1)));
            });
            return lines;
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** The Graph stand-in with every answer held back a fixed time (WireMock's global fixed delay). */
    private static final class LatencyGraph implements StandIn {
        private final int latencyMs;
        private FakeGraph graph;
        final AtomicInteger requests = new AtomicInteger();

        LatencyGraph(int latencyMs) {
            this.latencyMs = latencyMs;
        }

        @Override
        public Map<String, String> start(Map<String, String> settings) {
            graph = new FakeGraph();
            graph.server().setGlobalFixedDelay(latencyMs);
            graph.server().addMockServiceRequestListener((request, response) -> {
                if (request.getUrl().contains("/v1.0/")) {
                    requests.incrementAndGet();
                }
            });
            Map<String, String> overrides = new HashMap<>();
            overrides.put("GRAPH_TENANT_ID", "local");
            overrides.put("GRAPH_BASE_URL", graph.graphBaseUrl());
            overrides.put("GRAPH_AUTHORITY_HOST", graph.authorityHost());
            overrides.put("GRAPH_CLIENT_ID", "00000000-0000-0000-0000-000000000001");
            overrides.put("GRAPH_CLIENT_SECRET", "local-development-secret");
            return overrides;
        }

        /**
         * Refuses to measure with providers the stand-in would not know: each UPN must come back from
         * {@code GET /users/{upn}} with the object id the bookings carry.
         */
        void checkResolves(List<Snapshot.Provider> providers) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            for (Snapshot.Provider provider : providers) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(graph.graphBaseUrl() + "/users/"
                        + provider.userPrincipalName())).header("Authorization", "Bearer benchmark").build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                String id = Json.MAPPER.readTree(response.body()).path("id").asText();
                if (response.statusCode() != 200 || !id.equals(provider.entraObjectId())) {
                    throw new IllegalStateException("The Graph stand-in does not resolve " + provider.id() + ": "
                            + response.statusCode() + " " + id);
                }
            }
        }

        /** Mean of n sequential requests as a client sees them (delay + loopback + WireMock). */
        double measureLatencyMillis(int n) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(graph.graphBaseUrl() + "/latency-probe")).build();
            client.send(request, HttpResponse.BodyHandlers.discarding());
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                client.send(request, HttpResponse.BodyHandlers.discarding());
            }
            return (System.nanoTime() - started) / 1e6 / n;
        }

        @Override
        public String describe() {
            return "Graph: benchmark stand-in, " + latencyMs + " ms per answer";
        }

        @Override
        public void close() {
            graph.close();
        }
    }
}
