package org.teamstelehealth.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.teamstelehealth.intake.SignatureVerifier;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.local.LocalHostOptions;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.TestSettings;

/**
 * Events to the PMS through the local host, as the PMS sees them: signed webhooks in, the PMS stand-in at
 * {@code /local/pms} receiving, verifying and listing what the service sent back.
 */
class PmsEventsEndToEndTest {
    private static final Instant NOW = Instant.parse("2027-03-05T05:20:00Z");
    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final String PMS_SECRET = "whsec_cG1zLWV2ZW50cy1lbmQtdG8tZW5kLXNlY3JldCE=";

    private static LocalHost host;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startHost() {
        Map<String, String> values = new HashMap<>(TestSettings.values());
        values.put("GRAPH_TENANT_ID", "local");
        values.put("ADMIN_AUTH", "function_key");
        values.put("ACS_CONNECTION_STRING", "local");
        values.put("ACS_SMS_FROM", "+61400000000");
        values.put("ACS_EMAIL_SENDER", "DoNotReply@telehealth.localhost");
        values.put("PMS_EVENTS_URL", "local");
        values.put("PMS_EVENTS_SECRETS", PMS_SECRET);
        values.put("PMS_EVENTS_RETRY_FIRST_SECONDS", "1");
        values.put("PMS_EVENTS_RETRY_MAX_SECONDS", "2");
        host = LocalHost.start(LocalHostOptions.forTests(values).clock(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterAll
    static void stopHost() {
        host.close();
    }

    @Test
    void aBookingIsOneReadyWithTheParticipantsTableAndARescheduleOneMoreWithTheNewTimes() throws Exception {
        String id = "pms-e2e-" + System.nanoTime();

        postSigned(body("lifecycle-1-created.json", id), "msg_created_" + id);
        host.awaitIdle(IDLE);

        List<JsonNode> first = accepted(id);
        assertEquals(1, first.size(), first.toString());
        JsonNode ready = first.get(0);
        assertTrue(ready.get("verified").asBoolean(), "signed with the secret the PMS holds");
        assertEquals("application/json", ready.get("content_type").asText());
        JsonNode data = ready.at("/body/data");
        assertEquals("telehealth.ready", ready.at("/body/type").asText());
        assertEquals(ready.get("webhook_id").asText(), ready.at("/body/id").asText());
        assertEquals(1, data.get("snapshotVersion").asLong());
        JsonNode status = status(id);
        assertEquals(2, data.get("participants").size());
        for (int i = 0; i < 2; i++) {
            assertEquals(status.at("/participants/" + i + "/entry_url").asText(),
                    data.at("/participants/" + i + "/entryUrl").asText(), "the PMS shows the links the admin sees");
            assertEquals(status.at("/telehealth/meeting_id").asText(), data.at("/participants/" + i + "/externalParticipant").asText());
        }
        assertEquals("Patient", data.at("/participants/0/participantType").asText());
        assertEquals("Microsoft Teams", data.at("/participants/0/vendor").asText());

        postSigned(body("lifecycle-2-rescheduled.json", id), "msg_moved_" + id);
        host.awaitIdle(IDLE);
        postSigned(body("lifecycle-3-confirmed.json", id), "msg_confirmed_" + id);
        host.awaitIdle(IDLE);

        List<JsonNode> after = accepted(id);
        assertEquals(List.of("telehealth.ready", "telehealth.ready"), types(after), "confirming changes no link or time");
        JsonNode moved = after.get(1).at("/body/data");
        assertEquals("2027-03-05T06:10:00Z", moved.get("start").asText());
        assertEquals(2, moved.get("sequence").asLong());
        assertEquals("delivered", status(id).at("/events/deliveries/1/status").asText());
    }

    @Test
    void aProviderTeamsCannotOrganiseForIsTelehealthFailedWithTheReason() throws Exception {
        String id = "pms-e2e-failed-" + System.nanoTime();
        ObjectNode body = body("created.json", id);
        ObjectNode provider = (ObjectNode) body.at("/appointment/provider");
        provider.remove("user_principal_name");
        provider.remove("entra_object_id");

        postSigned(body, "msg_failed_" + id);
        host.awaitIdle(IDLE);

        List<JsonNode> events = accepted(id);
        assertEquals(List.of("telehealth.failed"), types(events));
        assertTrue(events.get(0).at("/body/data/reason").asText().contains("entra_object_id"), events.toString());
        assertEquals("failed", status(id).at("/telehealth/status").asText());
    }

    @Test
    void aPmsAnswering500ForAWhileHoldsUpNoMeetingOrMessageAndGetsEachEventOnce() throws Exception {
        String id = "pms-e2e-down-" + System.nanoTime();
        failWith("status=500&requests=1000000");

        postSigned(body("lifecycle-1-created.json", id), "msg_created_" + id);
        host.awaitQueueIdle(IDLE, "appointments", "notifications");
        JsonNode whileDown = status(id);
        assertEquals("ready", whileDown.at("/telehealth/status").asText(), "the meeting does not wait for the PMS");
        assertEquals(List.of("sent", "sent"), StreamSupport.stream(whileDown.get("deliveries").spliterator(), false)
                .map(d -> d.get("status").asText()).toList(), "nor do the patient's SMS and email");
        awaitArrivals(id, 2);
        assertEquals(List.of(), accepted(id), "the PMS has refused it so far");
        assertEquals("retrying", status(id).at("/events/deliveries/0/status").asText());

        failWith("requests=0");
        host.awaitIdle(IDLE);

        List<JsonNode> arrived = arrived(id);
        List<Integer> answers = arrived.stream().map(e -> e.get("answered").asInt()).toList();
        assertEquals(200, answers.get(answers.size() - 1), answers.toString());
        assertTrue(answers.subList(0, answers.size() - 1).stream().allMatch(a -> a == 500), answers.toString());
        assertEquals(1, arrived.stream().map(e -> e.get("webhook_id").asText()).distinct().count(), "one event, retried");
        assertEquals(1, accepted(id).size(), "taken once");
        JsonNode delivery = status(id).at("/events/deliveries/0");
        assertEquals("delivered", delivery.get("status").asText());
        assertEquals(answers.size(), delivery.get("attempts").asInt());
    }

    private static void failWith(String query) throws Exception {
        assertEquals(204, send(HttpRequest.newBuilder(host.uri("/local/pms/fail?" + query))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    private static void awaitArrivals(String appointmentId, int count) throws Exception {
        Instant deadline = Instant.now().plus(IDLE);
        while (arrived(appointmentId).size() < count) {
            assertTrue(Instant.now().isBefore(deadline), "the PMS was not tried " + count + " times");
            Thread.sleep(100);
        }
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.at("/body/type").asText()).toList();
    }

    /** What reached the PMS stand-in about this appointment, in arrival order. */
    private static List<JsonNode> arrived(String appointmentId) throws Exception {
        HttpResponse<String> listed = send(HttpRequest.newBuilder(host.uri("/local/pms")));
        assertEquals(200, listed.statusCode());
        return StreamSupport.stream(Json.MAPPER.readTree(listed.body()).get("events").spliterator(), false)
                .filter(e -> appointmentId.equals(e.at("/body/data/appointmentId").asText())).toList();
    }

    /** ...of which the PMS took (answered 200). */
    private static List<JsonNode> accepted(String appointmentId) throws Exception {
        return arrived(appointmentId).stream().filter(e -> e.get("answered").asInt() == 200).toList();
    }

    private static ObjectNode body(String example, String appointmentId) throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(ContractExamples.body(example));
        ((ObjectNode) body.get("appointment")).put("id", appointmentId);
        return body;
    }

    private static void postSigned(ObjectNode body, String webhookId) throws Exception {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        long timestamp = NOW.getEpochSecond();
        HttpResponse<String> response = send(HttpRequest.newBuilder(host.uri("/api/webhooks/appointments"))
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", SignatureVerifier.sign(TestSettings.WEBHOOK_SECRET, webhookId, timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertEquals(202, response.statusCode(), response.body());
    }

    private static JsonNode status(String appointmentId) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(host.uri("/api/manage/appointments/" + appointmentId))
                .header("x-functions-key", host.functionKey()));
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
