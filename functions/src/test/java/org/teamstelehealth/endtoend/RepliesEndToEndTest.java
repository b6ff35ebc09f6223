package org.teamstelehealth.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.intake.SignatureVerifier;
import org.teamstelehealth.local.pms.PmsStandIn;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.local.LocalHostOptions;
import org.teamstelehealth.local.acs.AcsStandIn;
import org.teamstelehealth.local.acs.OutboxMessage;
import org.teamstelehealth.local.graph.GraphStandIn;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.TestSettings;

/**
 * The patient's answers through the local host over HTTP: a tap on the join page's Confirm, an SMS "yes" and "N"
 * posted as ACS's Event Grid SMSReceived events to the host's Event Grid route, and STOP keeping the next SMS from
 * the ACS stand-in while the email still goes. What reaches the PMS is read off the PMS stand-in ({@code /local/pms}).
 */
class RepliesEndToEndTest {
    /** The day before the contract examples' 16:00 (+10:30) start: the join window has not opened. */
    private static final Instant NOW = Instant.parse("2027-03-04T05:30:00Z");
    private static final Duration IDLE = Duration.ofSeconds(60);

    private static LocalHost host;
    private static final AcsStandIn acs = new AcsStandIn();
    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startHost() {
        Map<String, String> values = new HashMap<>(TestSettings.values());
        values.put("GRAPH_TENANT_ID", "local");
        values.put("ADMIN_AUTH", "function_key");
        values.put("ACS_CONNECTION_STRING", "local");
        values.put("ACS_SMS_FROM", "+61400000000");
        values.put("ACS_EMAIL_SENDER", "DoNotReply@telehealth.localhost");
        values.put("SMS_REPLIES_ENABLED", "true");
        // The fixed clock is within a day of the bookings' start: the minute's reminder timer would text them too.
        values.put("REMINDERS_ENABLED", "false");
        values.put("PMS_EVENTS_URL", "local");
        values.put("PMS_EVENTS_SECRETS", "whsec_cmVwbGllcy1lbmQtdG8tZW5kLXBtcy1zZWNyZXQh");
        host = LocalHost.start(LocalHostOptions.forTests(values).standIns(false).addStandIn(new GraphStandIn())
                .addStandIn(acs).addStandIn(new PmsStandIn()).clock(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterAll
    static void stopHost() {
        host.close();
    }

    @Test
    void aTapOnConfirmGivesOnePatientConfirmedHoweverOftenItIsTapped() throws Exception {
        String id = book("e2e-tap-", phone());
        URI link = localUrl(status(id).at("/participants/0/entry_url").asText());

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("name=\"answer\" value=\"confirm\""), page.body());
        for (int tap = 0; tap < 3; tap++) {
            HttpResponse<String> answered = http.send(HttpRequest.newBuilder(link)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("answer=confirm")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answered.statusCode(), answered.body());
            assertTrue(answered.body().contains("your appointment is confirmed"), answered.body());
        }
        host.awaitIdle(IDLE);

        List<PmsEvent> events = patientEvents(id);
        assertEquals(List.of("patient.confirmed"), events.stream().map(PmsEvent::type).toList());
        assertEquals("page", events.get(0).data().get("channel"));
        assertEquals("confirmed", status(id).at("/patient_replies/response").asText());
    }

    @Test
    void anSmsYesConfirmsOnceAndIsAnsweredOnceAndAnNAsksToCancel() throws Exception {
        String phone = phone();
        String id = book("e2e-sms-", phone);
        String yes = UUID.randomUUID().toString();

        assertEquals(200, smsReceived(yes, phone, "yes").statusCode());
        assertEquals(200, smsReceived(yes, phone, "yes").statusCode(), "Event Grid delivers again");
        host.awaitIdle(IDLE);

        assertEquals(List.of("patient.confirmed"), patientEvents(id).stream().map(PmsEvent::type).toList());
        assertEquals("sms", patientEvents(id).get(0).data().get("channel"));
        JsonNode replies = status(id).get("patient_replies");
        assertEquals("confirmed", replies.get("response").asText(), replies.toString());
        List<String> answers = smsTo(phone);
        assertEquals(2, answers.size(), "the invitation, then one answer: " + answers);
        assertTrue(answers.get(0).contains("is confirmed"), answers.get(0));
        assertTrue(answers.get(1).contains("Reply Y to confirm or N"), "the default SMS asks for Y or N: " + answers.get(1));

        assertEquals(200, smsReceived(UUID.randomUUID().toString(), phone, "N").statusCode());
        host.awaitIdle(IDLE);
        assertEquals(List.of("patient.confirmed", "patient.cancellation_requested"),
                patientEvents(id).stream().map(PmsEvent::type).toList());
        assertEquals("cancellation_requested", status(id).at("/patient_replies/response").asText());
    }

    @Test
    void stopKeepsTheNextChangesSmsFromThePatientButTheEmailStillGoes() throws Exception {
        String phone = phone();
        String id = book("e2e-stop-", phone);
        assertEquals(1, smsTo(phone).size(), "the invitation");

        assertEquals(200, smsReceived(UUID.randomUUID().toString(), phone, "STOP").statusCode());
        assertTrue(status(id).at("/patient_replies/sms_opted_out").asBoolean());
        assertEquals(202, postSigned("lifecycle-2-rescheduled.json", id, phone, "msg_moved_" + id).statusCode());
        host.awaitIdle(IDLE);

        assertEquals(1, smsTo(phone).size(), "no SMS for the change: " + smsTo(phone));
        List<String> deliveries = new ArrayList<>();
        for (JsonNode delivery : status(id).get("deliveries")) {
            deliveries.add(delivery.get("channel").asText() + ":" + delivery.get("kind").asText() + ":"
                    + delivery.get("status").asText() + (delivery.path("reason").isTextual() ? ":" + delivery.get("reason").asText() : ""));
        }
        assertTrue(deliveries.contains("email:update:sent"), deliveries.toString());
        assertTrue(deliveries.stream().anyMatch(d -> d.startsWith("sms:update:skipped:opted out")), deliveries.toString());
    }

    /** A number of this test's own, so that its replies can only be about its own appointment. */
    private static String phone() {
        return "+6149" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private static String book(String prefix, String phone) throws Exception {
        String id = prefix + System.nanoTime();
        assertEquals(202, postSigned("created.json", id, phone, "msg_created_" + id).statusCode());
        host.awaitIdle(IDLE);
        assertEquals("ready", status(id).at("/telehealth/status").asText());
        return id;
    }

    private static HttpResponse<String> smsReceived(String eventId, String from, String message) throws Exception {
        String event = """
                [{"id":"%s","topic":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Communication/communicationServices/acs",
                  "subject":"/phonenumber/61400000000","eventType":"Microsoft.Communication.SMSReceived",
                  "eventTime":"%s","dataVersion":"1.0","metadataVersion":"1",
                  "data":{"messageId":"Incoming_%s","from":"%s","to":"+61400000000","message":"%s",
                          "receivedTimestamp":"%s","segmentCount":1}}]""".formatted(eventId, NOW, eventId, from, message, NOW);
        return http.send(HttpRequest.newBuilder(host.uri("/runtime/webhooks/eventgrid?functionName=smsReplies"))
                .header("aeg-event-type", "Notification").header("Content-Type", "application/json")
                .header("x-functions-key", host.functionKey())
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The texts of the SMS the ACS stand-in took for {@code phone}, newest first. */
    private static List<String> smsTo(String phone) {
        return acs.outbox().stream().filter(m -> m.kind() == OutboxMessage.Kind.SMS && m.to().contains(phone))
                .map(OutboxMessage::text).toList();
    }

    /** The patient.* events of the appointment the PMS stand-in took (answered 200), in sequence order. */
    private static List<PmsEvent> patientEvents(String appointmentId) throws Exception {
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(host.uri("/local/pms")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, listed.statusCode(), listed.body());
        List<PmsEvent> events = new ArrayList<>();
        for (JsonNode received : Json.MAPPER.readTree(listed.body()).get("events")) {
            JsonNode body = received.get("body");
            JsonNode data = body.get("data");
            if (received.get("answered").asInt() == 200 && appointmentId.equals(data.get("appointmentId").asText())
                    && body.get("type").asText().startsWith("patient.")) {
                events.add(new PmsEvent(body.get("id").asText(), body.get("type").asText(), appointmentId,
                        data.get("snapshotVersion").asLong(), data.get("sequence").asLong(), null,
                        Json.MAPPER.convertValue(data, new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {})));
            }
        }
        events.sort(java.util.Comparator.comparingLong(PmsEvent::sequence));
        return events;
    }

    private static HttpResponse<String> postSigned(String example, String appointmentId, String phone, String webhookId)
            throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(ContractExamples.body(example));
        ((ObjectNode) body.get("appointment")).put("id", appointmentId);
        ((ObjectNode) body.at("/appointment/patient")).put("mobile_phone", phone);
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        long timestamp = NOW.getEpochSecond();
        return http.send(HttpRequest.newBuilder(host.uri("/api/webhooks/appointments"))
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", SignatureVerifier.sign(TestSettings.WEBHOOK_SECRET, webhookId, timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode status(String appointmentId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(host.uri("/api/manage/appointments/" + appointmentId))
                .header("x-functions-key", host.functionKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }

    private static URI localUrl(String link) {
        URI uri = URI.create(link);
        return host.uri(uri.getRawPath() + "?" + uri.getRawQuery());
    }
}
