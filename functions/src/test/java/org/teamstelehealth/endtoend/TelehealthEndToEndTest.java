package org.teamstelehealth.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.local.LocalHostOptions;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.TestSettings;

/**
 * The whole product through the local host over HTTP, as a PMS, an admin and a patient meet it:
 * signed contract examples in, a Teams meeting made, moved and removed on the Graph stand-in, the
 * patient's SMS and email sent through the ACS stand-in, the join link leading to the meeting.
 */
class TelehealthEndToEndTest {
    /** Ten minutes before the contract examples' 16:00 (+10:30) start: inside the join window. */
    private static final Instant NOW = Instant.parse("2027-03-05T05:20:00Z");
    private static final Duration IDLE = Duration.ofSeconds(60);

    private static LocalHost host;
    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startHost() {
        Map<String, String> values = new HashMap<>(TestSettings.values());
        values.put("GRAPH_TENANT_ID", "local");
        values.put("ADMIN_AUTH", "function_key"); // as the sample settings the local host runs on
        values.put("ACS_CONNECTION_STRING", "local");
        values.put("ACS_SMS_FROM", "+61400000000");
        values.put("ACS_EMAIL_SENDER", "DoNotReply@telehealth.localhost");
        host = LocalHost.start(LocalHostOptions.forTests(values).clock(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterAll
    static void stopHost() {
        host.close();
    }

    @Test
    void aTelehealthAppointmentIsMadeMovedJoinedAndCancelled() throws Exception {
        String id = "e2e-" + System.nanoTime();

        HttpResponse<String> accepted = postSigned("created.json", id, "msg_created_" + id);
        assertEquals(202, accepted.statusCode(), accepted.body());
        HttpResponse<String> repeated = postSigned("created.json", id, "msg_created_" + id);
        assertEquals(200, repeated.statusCode(), "a repeated webhook-id is a duplicate");
        host.awaitIdle(IDLE);

        JsonNode made = status(id);
        assertEquals("ready", made.at("/telehealth/status").asText(), made.toString());
        assertEquals(2, made.get("participants").size());
        assertEquals(List.of("email:invitation:sent", "sms:invitation:sent"), deliveries(made));

        HttpResponse<String> join = get(localUrl(made.at("/participants/0/entry_url").asText()));
        assertEquals(302, join.statusCode(), "inside the join window the patient goes to Teams");
        assertTrue(join.headers().firstValue("Location").orElseThrow().startsWith("https://teams.microsoft.com/"));

        assertEquals(202, postSigned("lifecycle-2-rescheduled.json", id, "msg_moved_" + id).statusCode());
        host.awaitIdle(IDLE);
        JsonNode moved = status(id);
        assertEquals("2027-03-05T06:10:00Z", moved.at("/telehealth/start").asText(), "the meeting moved 40 minutes");
        assertEquals(made.at("/telehealth/meeting_id"), moved.at("/telehealth/meeting_id"), "the same meeting");
        assertTrue(deliveries(moved).containsAll(List.of("email:update:sent", "sms:update:sent")), moved.toString());

        assertEquals(202, postSigned("lifecycle-3-confirmed.json", id, "msg_confirmed_" + id).statusCode());
        host.awaitIdle(IDLE);
        assertEquals(4, deliveries(status(id)).size(), "confirming without a time change tells the patient nothing");

        assertEquals(202, postSigned("lifecycle-4-cancelled.json", id, "msg_cancelled_" + id).statusCode());
        host.awaitIdle(IDLE);
        JsonNode cancelled = status(id);
        assertEquals("removed", cancelled.at("/telehealth/status").asText());
        assertTrue(deliveries(cancelled).containsAll(List.of("email:cancellation:sent", "sms:cancellation:sent")));

        HttpResponse<String> cancelledPage = get(localUrl(made.at("/participants/0/entry_url").asText()));
        assertEquals(200, cancelledPage.statusCode());
        assertTrue(cancelledPage.body().contains("+61 8 8000 0000"), "the cancelled page gives the clinic's phone");
    }

    @Test
    void aStaleSnapshotArrivingLateChangesNothing() throws Exception {
        String id = "e2e-late-" + System.nanoTime();
        assertEquals(202, postSigned("lifecycle-2-rescheduled.json", id, "msg_v2_" + id).statusCode());
        host.awaitIdle(IDLE);
        assertEquals(202, postSigned("lifecycle-1-created.json", id, "msg_v1_" + id).statusCode());
        host.awaitIdle(IDLE);

        JsonNode status = status(id);
        assertEquals(2, status.get("version").asInt());
        assertEquals("2027-03-05T06:10:00Z", status.at("/telehealth/start").asText());
        assertEquals(List.of("email:invitation:sent", "sms:invitation:sent"), deliveries(status),
                "one invitation per channel, none for the late version 1");
    }

    @Test
    void anInvalidWebhookIsRefusedNamingTheFieldAndNothingHappens() throws Exception {
        byte[] body = ContractExamples.body("version-zero.json").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = post(body, "msg_invalid_" + System.nanoTime());

        assertEquals(400, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(refused.body().contains("/appointment/version"), refused.body());
    }

    @Test
    void aSignedBodyThatIsNotUtf8Is400NamingTheEncodingNotAWrongSignature() throws Exception {
        byte[] body = ContractExamples.body("created.json").replace("Clintel Test", "Zoë Test")
                .getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> refused = post(body, "msg_latin1_" + System.nanoTime());

        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("UTF-8"), refused.body());
    }

    @Test
    void adminRoutesNeedTheFunctionKey() throws Exception {
        HttpResponse<String> anonymous = get(host.uri("/api/manage/appointments/47"));
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> health = get(host.uri("/api/health"));
        assertEquals(200, health.statusCode(), health.body());
    }

    private static HttpResponse<String> postSigned(String example, String appointmentId, String webhookId) throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(ContractExamples.body(example));
        ((ObjectNode) body.get("appointment")).put("id", appointmentId);
        return post(Json.MAPPER.writeValueAsBytes(body), webhookId);
    }

    private static HttpResponse<String> post(byte[] body, String webhookId) throws Exception {
        return LocalHostCalls.postWebhook(http, host, body, webhookId, NOW.getEpochSecond());
    }

    private static JsonNode status(String appointmentId) throws Exception {
        return LocalHostCalls.status(http, host, appointmentId);
    }

    /** "channel:kind:status" of each delivery, sorted. */
    private static List<String> deliveries(JsonNode status) {
        assertFalse(status.path("deliveries").isMissingNode(), status.toString());
        return StreamSupport.stream(status.get("deliveries").spliterator(), false)
                .map(d -> d.get("channel").asText() + ":" + d.get("kind").asText() + ":" + d.get("status").asText())
                .sorted().toList();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Links carry PUBLIC_BASE_URL; the same path and query on the local host. */
    private static URI localUrl(String link) {
        URI uri = URI.create(link);
        return host.uri(uri.getRawPath() + "?" + uri.getRawQuery());
    }
}
