package org.teamstelehealth.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.bootstrap.Settings;
import org.teamstelehealth.intake.SignatureVerifier;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.local.LocalHostOptions;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.local.QueueOptions;
import org.teamstelehealth.local.acs.AcsStandIn;
import org.teamstelehealth.local.graph.FakeGraph;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.TestSettings;

/**
 * What every fault scenario runs on: the Graph and ACS stand-ins started here, in the test's JVM, so they
 * outlive any host (and keep their meetings and outbox across a host's kill and restart); the settings a host
 * runs with (Azurite, the stand-ins, short retry delays); a PMS that posts signed webhooks and remembers what
 * was accepted; and an {@link EndState} over all of it.
 */
final class FaultRig implements AutoCloseable {
    /** Contract-example appointments start 2027-03-05; every scenario's appointment is in the future. */
    private static final Instant FIRST_START = Instant.parse("2027-03-05T05:30:00Z");

    final FakeGraph graph;
    final AcsStandIn acs;
    final Map<String, String> values = new HashMap<>(TestSettings.values());
    final List<Posted> accepted = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = Long.toString(System.nanoTime(), 36);
    private volatile URI baseUrl;

    /** One webhook the intake answered, with its answer. */
    record Posted(String appointmentId, long version, String webhookId, int status) {}

    FaultRig() {
        this(new KillSwitch("graph-kill"), new KillSwitch("acs-kill"));
    }

    /** With a kill switch in each stand-in, fired just before the stand-in's answer leaves. */
    FaultRig(KillSwitch graphKill, KillSwitch acsKill) {
        graph = FakeGraph.withJournal(graphKill);
        acs = AcsStandIn.keepingEveryRequest(acsKill);
        values.put("GRAPH_BASE_URL", graph.graphBaseUrl());
        values.put("GRAPH_AUTHORITY_HOST", graph.authorityHost());
        values.put("ADMIN_AUTH", "function_key");
        values.put("LOCAL_FUNCTION_KEY", "fault-key");
        values.put("MEETING_RETRY_DEFAULT_SECONDS", "1");
        values.put("MEETING_RETRY_MAX_SECONDS", "2");
        values.put("NOTIFICATION_RETRY_SECONDS", "1");
        values.put("NOTIFICATION_RETRY_MAX_SECONDS", "2");
        values.put("ACS_EMAIL_STATUS_WAIT_SECONDS", "0");
        values.putAll(acs.start(Map.of("ACS_CONNECTION_STRING", "local")));
    }

    /**
     * An in-process host on these settings (stand-ins off: they are this rig's), polling fast, with the short
     * visibility and lease of {@link FaultHostMain#fast}.
     */
    LocalHost startHost(UnaryOperator<QueueOptions> queues) {
        LocalHost host = LocalHost.start(LocalHostOptions.forTests(values).standIns(false)
                .queueOptions(q -> queues.apply(FaultHostMain.fast(q))));
        baseUrl = host.uri("/");
        return host;
    }

    LocalHost startHost() {
        return startHost(UnaryOperator.identity());
    }

    void baseUrl(URI uri) {
        this.baseUrl = uri;
    }

    /** The application a checker reads storage through (never runs a function). */
    Application reader() {
        return new Application(Settings.load(values), Clock.systemUTC(), new LoopbackHttpClient());
    }

    private final java.util.concurrent.atomic.AtomicInteger numbers = new java.util.concurrent.atomic.AtomicInteger();

    /** A fresh appointment number: each has its own id and its own times. */
    int nextNumber() {
        return numbers.getAndIncrement();
    }

    String id(int n) {
        return "f" + run + "n" + n;
    }

    /**
     * Version {@code version} of appointment {@code id}: 1 made at its start, each later version 20 minutes later
     * and 5 minutes longer; {@code cancelled} is the PMS's cancellation.
     */
    static ObjectNode snapshot(String id, int n, long version, boolean cancelled) {
        ObjectNode body = (ObjectNode) Json.read(ContractExamples.body(cancelled ? "lifecycle-4-cancelled.json"
                : "lifecycle-1-created.json"), com.fasterxml.jackson.databind.JsonNode.class);
        ObjectNode appointment = (ObjectNode) body.get("appointment");
        appointment.put("id", id);
        appointment.put("version", version);
        Instant start = FIRST_START.plus(Duration.ofMinutes(90L * n + 20L * (version - 1)));
        appointment.put("start", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.atOffset(java.time.ZoneOffset.ofHoursMinutes(10, 30))));
        appointment.put("duration_minutes", 30 + 5 * (int) (version - 1));
        if (version > 1 && !cancelled) {
            body.put("type", "appointment.updated");
        }
        return body;
    }

    static Snapshot parse(ObjectNode body) {
        return Json.MAPPER.convertValue(body.get("appointment"), Snapshot.class);
    }

    /** Posts one signed webhook; an answer of 202 or 200 (a repeated webhook-id) is remembered as accepted. */
    HttpResponse<String> post(ObjectNode body, String webhookId) throws Exception {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/api/webhooks/appointments"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", SignatureVerifier.sign(TestSettings.WEBHOOK_SECRET, webhookId, timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 202 || response.statusCode() == 200) {
            accepted.add(new Posted(body.at("/appointment/id").asText(), body.at("/appointment/version").asLong(),
                    webhookId, response.statusCode()));
        }
        return response;
    }

    /** The admin status of one appointment, as JSON. */
    com.fasterxml.jackson.databind.JsonNode status(String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/api/manage/appointments/" + id))
                .header("x-functions-key", "fault-key").build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body());
    }

    @Override
    public void close() {
        graph.close();
        acs.close();
    }
}
