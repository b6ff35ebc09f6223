package org.teamstelehealth.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.local.LocalHostOptions;
import org.teamstelehealth.local.acs.AcsStandIn;
import org.teamstelehealth.local.acs.OutboxMessage;
import org.teamstelehealth.local.graph.GraphStandIn;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.TestSettings;

/**
 * Reminders in real time through the local host: a one-minute offset, the timer every five seconds, and the ACS
 * stand-in's outbox as the patient's phone. About 80 seconds.
 */
class RemindersEndToEndTest {
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final String REMINDER = "A reminder of your telehealth appointment";

    private static final AcsStandIn acs = new AcsStandIn();
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
        values.put("REMINDER_OFFSETS", "1m:sms");
        values.put("REMINDER_SMS_QUIET_HOURS", "off"); // whatever the hour in Adelaide when this runs
        values.put("REMINDER_SCHEDULE", "*/5 * * * * *");
        host = LocalHost.start(LocalHostOptions.forTests(values).standIns(false).addStandIn(new GraphStandIn())
                .addStandIn(acs));
    }

    @AfterAll
    static void stopHost() {
        host.close();
    }

    @Test
    void theReminderArrivesOnceAtItsOffsetMovesWithTheAppointmentAndNeverComesForACancelledOne() throws Exception {
        String run = Long.toString(System.nanoTime());
        String kept = "rem-kept-" + run;
        String moved = "rem-moved-" + run;
        String cancelled = "rem-cancelled-" + run;
        Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant start = t0.plusSeconds(110);
        Instant movedStart = t0.plusSeconds(125);
        for (String id : List.of(kept, moved, cancelled)) {
            assertEquals(202, post(booking(id, 1, start, "booked")).statusCode());
        }
        // Only the meetings matter here; the invitations may take their time on a loaded machine.
        host.awaitQueueIdle(IDLE, "appointments");
        assertEquals(202, post(booking(moved, 2, movedStart, "booked")).statusCode());
        assertEquals(202, post(booking(cancelled, 2, start, "cancelled")).statusCode());
        host.awaitQueueIdle(IDLE, "appointments");
        assertTrue(Instant.now().isBefore(start.minusSeconds(60)), "the changes landed before the first reminder was due");

        Instant deadline = movedStart.minusSeconds(60).plusSeconds(30);
        while (Instant.now().isBefore(deadline) && (reminders(kept).isEmpty() || reminders(moved).isEmpty())) {
            Thread.sleep(500);
        }
        Thread.sleep(6_000); // another tick or more: nothing is sent twice

        List<OutboxMessage> keptReminders = reminders(kept);
        assertEquals(1, keptReminders.size(), "once, however many ticks passed since: " + keptReminders);
        assertTrue(!keptReminders.get(0).at().isBefore(start.minusSeconds(61)), "not before its offset");
        List<OutboxMessage> movedReminders = reminders(moved);
        assertEquals(1, movedReminders.size(), movedReminders.toString());
        assertTrue(!movedReminders.get(0).at().isBefore(movedStart.minusSeconds(61)),
                "at the new time's offset, not the old one's: " + movedReminders.get(0).at());
        assertEquals(List.of(), reminders(cancelled), "a cancelled appointment is not reminded");
        assertTrue(status(kept).toString().contains("\"kind\":\"reminder\""), status(kept).toString());
    }

    private static ObjectNode booking(String id, int version, Instant start, String status) throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(ContractExamples.body("created.json"));
        ObjectNode appointment = (ObjectNode) body.get("appointment");
        appointment.put("id", id);
        appointment.put("version", version);
        appointment.put("status", status);
        appointment.put("start", start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .atOffset(ZoneOffset.ofHoursMinutes(10, 30)).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        body.put("type", status.equals("cancelled") ? "appointment.cancelled"
                : version > 1 ? "appointment.updated" : "appointment.created");
        return body;
    }

    private static List<OutboxMessage> reminders(String appointmentId) {
        return acs.outbox().stream().filter(m -> m.kind() == OutboxMessage.Kind.SMS)
                .filter(m -> m.text().contains(REMINDER) && m.text().contains("/appointments/" + appointmentId + "/"))
                .toList();
    }

    private static HttpResponse<String> post(ObjectNode json) throws Exception {
        String webhookId = "msg_" + json.at("/appointment/id").asText() + "_" + json.at("/appointment/version").asText();
        return LocalHostCalls.postWebhook(http, host, Json.MAPPER.writeValueAsBytes(json), webhookId,
                Instant.now().getEpochSecond());
    }

    private static JsonNode status(String appointmentId) throws Exception {
        return LocalHostCalls.status(http, host, appointmentId);
    }
}
