package org.teamstelehealth.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.teamstelehealth.intake.SignatureVerifier;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.local.LocalHostOptions;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.TestSettings;

/**
 * The first meeting after start against a warm one: each run launches a new JVM (as {@link StartupBenchmark}
 * does, with the same options) running the local host with its stand-ins (the Graph stand-in answers Entra's
 * token endpoint and Graph's onlineMeetings, the way the tests use it), a fresh Azurite per run. As soon as
 * the host is up, a booking is POSTed as a signed webhook; the clock starts at its 202 (the message is on the
 * {@code appointments} queue) and stops when the appointments function logs it {@code APPLIED} (its meeting
 * made and stored). Then, one at a time with the host idle in between, later bookings in the same process are
 * timed the same way. First and warm alternate run after run.
 *
 * <p>{@code benchmarks/run.sh first-meeting [runs=3] [warmBookings=3] [warmUp=on|off|done]}: with {@code off}, the
 * host skips its warm-up ({@code LocalHostOptions.warmUp}), to see what it is worth; with {@code done}, the first
 * booking is posted only once the warm-up has finished ({@code LocalHost.awaitWarmUp}), not as soon as the host
 * answers.
 *
 * <p>A fourth argument, {@code standIn=warm|cold} ({@code warm} by default): with {@code warm}, before the first
 * booking the driver itself sends the Graph stand-in (WireMock, in the measured JVM) one createOrGet and one PATCH of
 * a meeting of its own, not through the project, so that the first booking does not pay for the stand-in's own first
 * requests: Graph is warm in production. Those two requests go through the JDK's {@code java.net.http} client (the
 * project's Graph client is OkHttp's).
 */
public final class FirstMeetingBenchmark {
    private static final Pattern RESULT = Pattern.compile("^booking (\\d+): ([0-9.]+) ms, function ([0-9]+) ms$");
    /** The appointments queue is polled at least this often, so the poll wait is small and alike for every booking. */
    static final Duration POLLING = Duration.ofMillis(50);

    private FirstMeetingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String warmUp = args.length > 2 ? args[2] : "on";
        if (!List.of("on", "off", "done").contains(warmUp)) {
            throw new IllegalArgumentException("warmUp is on, off or done, not " + warmUp);
        }
        String standIn = args.length > 3 ? args[3] : "warm";
        if (!List.of("warm", "cold").contains(standIn)) {
            throw new IllegalArgumentException("standIn is warm or cold, not " + standIn);
        }
        System.out.println("First meeting benchmark: " + runs + " fresh hosts, each a first booking then " + warm
                + " later ones; host warm-up " + warmUp + (warmUp.equals("done")
                        ? " (first booking posted once it finished)" : " (first booking posted as soon as the host answers)")
                + "; Graph stand-in " + (standIn.equals("warm")
                        ? "warmed by the driver (one createOrGet and one PATCH of its own)" : "cold"));
        System.out.println(Harness.machine());
        Path logs = Azurite.projectRoot().resolve("target/benchmarks");
        Files.createDirectories(logs);
        List<Double> first = new ArrayList<>();
        List<Double> later = new ArrayList<>();
        List<Double> firstFunction = new ArrayList<>();
        List<Double> laterFunction = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            try (Azurite azurite = Harness.freshAzurite()) {
                Path log = logs.resolve("first-meeting-" + run + ".log");
                List<double[]> bookings = launch(azurite.connectionString(), warm, warmUp, standIn, log,
                        logs.resolve("first-meeting-" + run + ".txt"));
                System.out.printf(Locale.ROOT, "run %d: first %.0f ms (function %.0f ms), later %s ms (load average %s)%n", run,
                        bookings.get(0)[0], bookings.get(0)[1], bookings.subList(1, bookings.size()).stream()
                                .map(b -> String.format(Locale.ROOT, "%.0f (%.0f)", b[0], b[1])).toList(), Harness.loadAverage());
                first.add(bookings.get(0)[0]);
                firstFunction.add(bookings.get(0)[1]);
                bookings.subList(1, bookings.size()).forEach(b -> {
                    later.add(b[0]);
                    laterFunction.add(b[1]);
                });
            }
        }
        double ratio = Harness.median(first) / Harness.median(later);
        System.out.println();
        print("queued -> APPLIED (ms, appointments queue polled at least every " + POLLING.toMillis() + " ms)", first, later);
        print("the appointments function's own duration (ms, the host's 'Executed' line)", firstFunction, laterFunction);
        System.out.printf(Locale.ROOT, "target: ratio <= 2: %s%n", ratio <= 2 ? "met" : "MISSED");
        System.exit(0);
    }

    private static void print(String figure, List<Double> first, List<Double> later) {
        System.out.println(figure);
        System.out.println("  first booking after start: " + Harness.minMedianMax(first) + " (" + first.size() + ")");
        System.out.println("  later bookings           : " + Harness.minMedianMax(later) + " (" + later.size() + ")");
        System.out.printf(Locale.ROOT, "  ratio first/later (medians): %.2f%n", Harness.median(first) / Harness.median(later));
    }

    /** One fresh host in a new JVM: {queued to APPLIED, function duration} of the first booking, then of each later one. */
    private static List<double[]> launch(String connection, int warm, String warmUp, String standIn, Path log,
            Path results) throws Exception {
        Files.deleteIfExists(results);
        List<String> command = new ArrayList<>(StartupBenchmark.javaCommand());
        command.addAll(List.of(Child.class.getName(), connection, Integer.toString(warm), results.toString(),
                warmUp, standIn));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The host did not finish its bookings in 3 minutes; see " + log);
            }
        } finally {
            process.destroyForcibly();
        }
        List<double[]> bookings = new ArrayList<>();
        for (String line : Files.exists(results) ? Files.readAllLines(results) : List.<String>of()) {
            Matcher m = RESULT.matcher(line);
            if (m.matches()) {
                bookings.add(new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
            }
        }
        if (bookings.size() != warm + 1) {
            throw new IllegalStateException("Expected " + (warm + 1) + " bookings timed, got " + bookings.size() + "; see " + log);
        }
        return bookings;
    }

    /**
     * The measured process: the local host as a developer runs it (stand-ins on, Graph local, warm-up as asked),
     * then the bookings.
     * The webhook goes through {@link HttpURLConnection}, which the host has already loaded for its own first
     * request, so the driver warms nothing the appointments function uses.
     */
    public static final class Child {
        private static final Pattern EXECUTED = Pattern.compile("Executed 'appointments' \\(Succeeded, .*Duration=(\\d+)ms\\)");

        private Child() {}

        public static void main(String[] args) throws Exception {
            String connection = args[0];
            int warm = Integer.parseInt(args[1]);
            Path results = Path.of(args[2]);
            String warmUp = args[3];
            boolean warmStandIn = args[4].equals("warm");
            List<Long> durations = new java.util.concurrent.CopyOnWriteArrayList<>();
            PrintStream hostLog = new PrintStream(new java.io.ByteArrayOutputStream() {
                @Override
                public synchronized void flush() {
                    String text = toString(StandardCharsets.UTF_8);
                    reset();
                    System.out.print(text);
                    Matcher m = EXECUTED.matcher(text);
                    while (m.find()) {
                        durations.add(Long.parseLong(m.group(1)));
                    }
                }
            }, true, StandardCharsets.UTF_8);
            Map<String, Long> applied = Harness.appliedTimes();
            Map<String, String> values = TestSettings.values(connection);
            values.put("GRAPH_TENANT_ID", "local");
            String template = ContractExamples.body("created.json");
            List<String> lines = new ArrayList<>();
            try (LocalHost host = LocalHost.start(LocalHostOptions.forTests(values).out(hostLog).warmUp(!warmUp.equals("off"))
                    .queueOptions(q -> q.maxPollingInterval().compareTo(POLLING) > 0 ? q.withMaxPollingInterval(POLLING) : q))) {
                URL webhook = host.uri("/api/webhooks/appointments").toURL();
                if (warmUp.equals("done")) {
                    host.awaitWarmUp(Duration.ofSeconds(60));
                }
                if (warmStandIn) {
                    warmGraphStandIn(host.values().get("GRAPH_BASE_URL"));
                }
                for (int i = 0; i <= warm; i++) {
                    durations.clear();
                    String id = "first-meeting-" + i;
                    byte[] body = template.replace("\"id\": \"47\"", "\"id\": \"" + id + "\"").getBytes(StandardCharsets.UTF_8);
                    long queued = post(webhook, "fm_" + i + "_" + System.nanoTime(), body);
                    long deadline = queued + TimeUnit.SECONDS.toNanos(60);
                    while (!applied.containsKey(id)) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("Booking " + i + " was not APPLIED within 60 s");
                        }
                        Thread.sleep(1);
                    }
                    host.awaitIdle(Duration.ofSeconds(60));
                    if (durations.size() != 1) {
                        throw new IllegalStateException("Booking " + i + " ran the appointments function " + durations.size()
                                + " times, not once");
                    }
                    lines.add(String.format(Locale.ROOT, "booking %d: %.1f ms, function %d ms", i,
                            (applied.get(id) - queued) / 1e6, durations.get(0)));
                }
            }
            Files.write(results, lines);
            System.exit(0);
        }

        /**
         * Sends the Graph stand-in, directly, a createOrGet and a PATCH of a meeting of the driver's own (an organiser
         * no booking names, its own externalId), as the project's gateway shapes them; both must succeed.
         */
        private static void warmGraphStandIn(String graphBaseUrl) throws Exception {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            String meetings = graphBaseUrl + "/users/11111111-1111-1111-1111-111111111111/onlineMeetings";
            String made = send(client, "POST", meetings + "/createOrGet", "{\"externalId\":\"benchmark-stand-in\","
                    + "\"subject\":\"Benchmark\",\"startDateTime\":\"2030-01-01T00:00:00Z\","
                    + "\"endDateTime\":\"2030-01-01T00:30:00Z\",\"participants\":{\"organizer\":{\"identity\":"
                    + "{\"user\":{\"id\":\"11111111-1111-1111-1111-111111111111\"}}},\"attendees\":[]}}");
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(made);
            if (!id.find()) {
                throw new IllegalStateException("The Graph stand-in's createOrGet answer has no id");
            }
            send(client, "PATCH", meetings + "/" + java.net.URLEncoder.encode(id.group(1), StandardCharsets.UTF_8),
                    "{\"subject\":\"Benchmark\",\"startDateTime\":\"2030-01-01T00:00:00Z\","
                    + "\"endDateTime\":\"2030-01-01T00:30:00Z\",\"lobbyBypassSettings\":{\"scope\":\"organization\","
                    + "\"isDialInBypassEnabled\":false},\"allowedPresenters\":\"organizer\","
                    + "\"isEntryExitAnnounced\":false,\"participants\":{\"attendees\":[]}}");
        }

        private static String send(java.net.http.HttpClient client, String method, String url, String json)
                throws Exception {
            var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json))
                    .header("Authorization", "Bearer benchmark").header("Content-Type", "application/json")
                    .header("Prefer", "include-unknown-enum-members").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("The Graph stand-in answered " + method + " with " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        }

        /** POSTs a signed webhook and returns when its 202 arrived (System.nanoTime). */
        private static long post(URL url, String webhookId, byte[] body) throws IOException {
            long timestamp = Instant.now().getEpochSecond();
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty("webhook-id", webhookId);
            connection.setRequestProperty("webhook-timestamp", Long.toString(timestamp));
            connection.setRequestProperty("webhook-signature",
                    SignatureVerifier.sign(TestSettings.WEBHOOK_SECRET, webhookId, timestamp, body));
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            long answered = System.nanoTime();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            if (status != 202) {
                throw new IllegalStateException("The webhook got " + status + ", not 202");
            }
            return answered;
        }
    }
}
