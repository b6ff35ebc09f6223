package org.teamstelehealth.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.queue.QueueClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.local.acs.AcsRules;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.notifications.Delivery.Channel;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.MutableClock;
import org.teamstelehealth.testing.TestSettings;

/** The queue function as the app wires it: real ACS SDK clients against WireMock, deliveries in Azurite. */
class NotificationsEndToEndTest {
    private WireMockServer acs;
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    private Application app;
    private final String appointmentId = "e2e-" + UUID.randomUUID();

    @BeforeEach
    void start() {
        acs = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(new AcsRules()));
        acs.start();
        acs.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"value\":[{\"to\":\"+61415100919\",\"messageId\":\"Outgoing_1\",\"httpStatusCode\":202,\"successful\":true}]}")));
        acs.stubFor(post(urlPathEqualTo("/emails:send")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withHeader("Operation-Location", "https://localhost:" + acs.port() + "/emails/operations/x?api-version=2023-03-31")
                .withHeader("Retry-After", "0").withBody("{\"id\":\"x\",\"status\":\"Running\"}")));
        acs.stubFor(get(urlPathMatching("/emails/operations/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"x\",\"status\":\"Succeeded\"}")));
        app = new Application(TestSettings.settings(Map.of(
                "ACS_CONNECTION_STRING", "endpoint=https://localhost:" + acs.port() + "/;accesskey=" + AcsSendersTest.KEY,
                "ACS_SMS_FROM", "+61400000000",
                "ACS_EMAIL_SENDER", "DoNotReply@clinic.example")), clock, new LoopbackHttpClient());
    }

    @AfterEach
    void stop() {
        acs.stop();
    }

    private String message(Kind kind) {
        Snapshot s = ContractExamples.snapshot("created.json");
        Snapshot mine = new Snapshot(appointmentId, s.version(), s.status(), s.start(), s.durationMinutes(), s.timeZone(),
                s.comments(), s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
        return Json.write(new NotificationIntent(appointmentId, kind, 0, mine, "https://teams.microsoft.com/l/meetup-join/abc", ""));
    }

    private void run(String message) {
        app.function(NotificationsFunction.class).run(message, 1, FakeExecutionContext.of("notifications"));
    }

    private Delivery delivery(String key) {
        return app.deliveryLog().find(appointmentId, key).orElseThrow();
    }

    @Test
    void theSameIntentDeliveredTwiceTextsAndEmailsThePatientOnce() {
        String message = message(Kind.INVITATION);
        run(message);
        run(message);

        acs.verify(1, postRequestedFor(urlPathEqualTo("/sms")));
        acs.verify(1, postRequestedFor(urlPathEqualTo("/emails:send")));
        List<Delivery> deliveries = app.deliveryLog().forAppointment(appointmentId);
        assertEquals(2, deliveries.size());
        assertTrue(deliveries.stream().allMatch(d -> d.status() == DeliveryStatus.SENT), deliveries.toString());
        Delivery sms = delivery("INVITATION-0-sms");
        assertEquals("Outgoing_1", sms.providerMessageId());
        assertEquals("GSM7", sms.encoding());
        assertTrue(sms.segments() >= 1);
    }

    @Test
    void anEmailRetriedAfterAcsFailedIsResentByteForByteAndAccepted() {
        // ACS runs a repeat of a request it answered 5xx again, but only if it matches the first (AcsRules: else 400).
        acs.stubFor(post(urlPathEqualTo("/emails:send")).atPriority(1).inScenario("outage")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"InternalServerError\"}}"))
                .willSetStateTo("back"));
        // ... and has no operation for it (the stubbed accepted send polls operations/x).
        acs.stubFor(get(urlPathMatching("/emails/operations/[0-9a-f-]{36}")).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{}")));
        String message = message(Kind.INVITATION);
        run(message);
        assertEquals(DeliveryStatus.RETRYING, delivery("INVITATION-0-email").status());

        clock.advance(Duration.ofSeconds(75));
        run(message);

        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> sends =
                acs.findAll(postRequestedFor(urlPathEqualTo("/emails:send")));
        assertEquals(2, sends.size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(sends.get(0).getBody(), sends.get(1).getBody(), "byte for byte");
        assertEquals(sends.get(0).getHeader("Repeatability-First-Sent"), sends.get(1).getHeader("Repeatability-First-Sent"));
        assertEquals(sends.get(0).getHeader("Operation-Id"), sends.get(1).getHeader("Operation-Id"));
        assertEquals(DeliveryStatus.SENT, delivery("INVITATION-0-email").status(), delivery("INVITATION-0-email").toString());
    }

    @Test
    void anSmsRetriedAfterAcsStoppedTrackingTheFirstGoesUnderAFreshIdAndIsAccepted() throws Exception {
        acs.stubFor(post(urlPathEqualTo("/sms")).atPriority(1).inScenario("sms-outage")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"ServiceUnavailable\"}}"))
                .willSetStateTo("back"));
        String message = message(Kind.INVITATION);
        run(message);
        assertEquals(DeliveryStatus.RETRYING, delivery("INVITATION-0-sms").status());

        clock.advance(Duration.ofMinutes(6));
        run(message);

        List<JsonNode> sends = acs.findAll(postRequestedFor(urlPathEqualTo("/sms"))).stream()
                .map(r -> { try { return Json.MAPPER.readTree(r.getBody()); } catch (java.io.IOException e) { throw new AssertionError(e); } })
                .toList();
        assertEquals(2, sends.size());
        String firstId = sends.get(0).at("/smsRecipients/0/repeatabilityRequestId").asText();
        String secondId = sends.get(1).at("/smsRecipients/0/repeatabilityRequestId").asText();
        assertTrue(!firstId.equals(secondId), "not the old id re-stamped (ACS refuses that)");
        assertEquals(AcsSmsSender.FIRST_SENT_FORMAT.format(clock.instant()), sends.get(1).at("/smsRecipients/0/repeatabilityFirstSent").asText());
        Delivery sms = delivery("INVITATION-0-sms");
        assertEquals(DeliveryStatus.SENT, sms.status(), sms.toString());
        assertEquals(secondId, sms.operationId());
    }

    private void report(String event) {
        app.function(DeliveryReportsFunction.class).run(event, FakeExecutionContext.of("deliveryReports"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> adminRow(String channel) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) new DeliveriesSection(app.deliveryLog())
                .describe(org.teamstelehealth.testing.Appointments.ready(appointmentId, "2027-03-05T16:00:00+10:30"));
        return rows.stream().filter(r -> channel.equals(r.get("channel"))).findFirst().orElseThrow();
    }

    @Test
    void deliveryReportsFromEventGridTurnTheAdminStatusFromSentToDeliveredOrFailedWithAScrubbedReason() throws Exception {
        run(message(Kind.INVITATION));
        assertEquals("sent", adminRow("sms").get("status"));
        JsonNode sms = Json.MAPPER.readTree(acs.findAll(postRequestedFor(urlPathEqualTo("/sms"))).get(0).getBodyAsString());
        assertEquals(appointmentId + "/INVITATION-0-sms", sms.at("/smsSendOptions/tag").asText());
        String operationId = acs.findAll(postRequestedFor(urlPathEqualTo("/emails:send"))).get(0).getHeader("Operation-Id");

        report("""
                {"id":"r1","topic":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Communication/communicationServices/acs",                "subject":"/phonenumber/61400000000","eventType":"Microsoft.Communication.SMSDeliveryReportReceived",                "eventTime":"2026-03-02T10:00:05Z","dataVersion":"1.0","data":{"messageId":"Outgoing_1","from":"+61400000000",                "to":"+61415100919","deliveryStatus":"Delivered","deliveryStatusDetails":"No error.",                "deliveryAttempts":[{"timestamp":"2026-03-02T10:00:04Z","segmentsSucceeded":1,"segmentsFailed":0}],                "receivedTimestamp":"2026-03-02T10:00:05Z","tag":"%s"}}""".formatted(sms.at("/smsSendOptions/tag").asText()));
        report("""
                {"id":"r2","topic":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Communication/communicationServices/acs",                "subject":"sender/DoNotReply@clinic.example/message/%1$s","eventType":"Microsoft.Communication.EmailDeliveryReportReceived",                "eventTime":"2026-03-02T10:00:09Z","dataVersion":"1.0","data":{"sender":"DoNotReply@clinic.example",                "recipient":"clintel.test@example.com","messageId":"%1$s","status":"Bounced",                "deliveryStatusDetails":{"statusMessage":"550 5.1.1 <clintel.test@example.com>: mailbox unavailable"},                "deliveryAttemptTimestamp":"2026-03-02T10:00:08Z"}}""".formatted(operationId));

        Map<String, Object> text = adminRow("sms");
        assertEquals("delivered", text.get("status"));
        Map<String, Object> mail = adminRow("email");
        assertEquals("failed", mail.get("status"));
        String reason = (String) mail.get("reason");
        assertTrue(reason.contains("Bounced") && reason.contains("mailbox unavailable"), reason);
        assertTrue(!reason.contains("clintel.test"), "no address in the admin's reason: " + reason);
        run(message(Kind.INVITATION));
        acs.verify(1, postRequestedFor(urlPathEqualTo("/emails:send")));
    }

    @Test
    void aCrashBetweenRecordingAndSendingIsResentWithTheRecordedOperationIds() throws Exception {
        Instant crashedAt = Instant.now().minusSeconds(40).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // ACS never got the email the crashed attempt was about to send.
        acs.stubFor(get(urlPathEqualTo("/emails/operations/00000000-0000-4000-8000-000000000001")).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{}")));
        for (Channel channel : Channel.values()) {
            app.deliveryLog().insert(new Delivery(appointmentId, "INVITATION-0-" + channel.id(), Kind.INVITATION, 0, channel,
                    DeliveryStatus.SENDING, "00000000-0000-4000-8000-00000000000" + channel.ordinal(), crashedAt, 1,
                    null, 0, null, null, null, crashedAt, null));
        }
        run(message(Kind.INVITATION));

        JsonNode sms = Json.MAPPER.readTree(acs.findAll(postRequestedFor(urlPathEqualTo("/sms"))).get(0).getBodyAsString());
        assertEquals("00000000-0000-4000-8000-000000000000", sms.at("/smsRecipients/0/repeatabilityRequestId").asText());
        assertEquals(AcsSmsSender.FIRST_SENT_FORMAT.format(crashedAt), sms.at("/smsRecipients/0/repeatabilityFirstSent").asText());
        var email = acs.findAll(postRequestedFor(urlPathEqualTo("/emails:send"))).get(0);
        assertEquals("00000000-0000-4000-8000-000000000001", email.getHeader("Operation-Id"));
        assertEquals("00000000-0000-4000-8000-000000000001", email.getHeader("Repeatability-Request-Id"));
        assertEquals(AcsSmsSender.FIRST_SENT_FORMAT.format(crashedAt), email.getHeader("Repeatability-First-Sent"));
        assertEquals(DeliveryStatus.SENT, delivery("INVITATION-0-sms").status());
        assertEquals(2, delivery("INVITATION-0-sms").attempts());
    }

    @Test
    void aCrashAfterAcsAcceptedTheEmailIsNotEmailedAgain() {
        Instant crashedAt = Instant.now().minusSeconds(600);
        app.deliveryLog().insert(new Delivery(appointmentId, "INVITATION-0-email", Kind.INVITATION, 0, Channel.EMAIL,
                DeliveryStatus.SENDING, "00000000-0000-4000-8000-0000000000aa", crashedAt, 1,
                null, 0, null, null, null, crashedAt, null));
        run(message(Kind.INVITATION));
        acs.verify(getRequestedFor(urlPathEqualTo("/emails/operations/00000000-0000-4000-8000-0000000000aa")));
        acs.verify(0, postRequestedFor(urlPathEqualTo("/emails:send")));
        assertEquals(DeliveryStatus.SENT, delivery("INVITATION-0-email").status());
    }

    @Test
    void rejectedNumbersAndAddressesAreRecordedForTheAdminAndNotRetried() {
        acs.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"value\":[{\"to\":\"+61415100919\",\"httpStatusCode\":400,\"successful\":false,\"errorMessage\":\"Invalid number\"}]}")));
        // (A 429 here would put the intent back on the shared notifications queue; NotificationServiceTest and
        // AcsSendersTest cover throttling, aRetryIsInvisibleOnTheQueueUntilItsDelayPasses the queue side.)
        acs.stubFor(post(urlPathEqualTo("/emails:send")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"InvalidRecipient\"}}")));

        run(message(Kind.INVITATION));

        Delivery sms = delivery("INVITATION-0-sms");
        assertEquals(DeliveryStatus.FAILED, sms.status());
        assertTrue(sms.reason().contains("HTTP 400"), sms.reason());
        Delivery email = delivery("INVITATION-0-email");
        assertEquals(DeliveryStatus.FAILED, email.status());
        assertTrue(email.reason().contains("HTTP 400") && email.reason().contains("InvalidRecipient"), email.reason());
        run(message(Kind.INVITATION));
        acs.verify(1, postRequestedFor(urlPathEqualTo("/sms")));
        acs.verify(1, postRequestedFor(urlPathEqualTo("/emails:send")));
    }

    @Test
    void aRetryIsInvisibleOnTheQueueUntilItsDelayPasses() throws Exception {
        StorageClients storage = new StorageClients(TestSettings.settings().storage());
        String name = "notifications-retry-" + UUID.randomUUID().toString().substring(0, 8);
        QueueClient queue = storage.queue(name);
        NotificationIntent intent = Json.read(message(Kind.UPDATE), NotificationIntent.class);

        new StorageNotificationRetries(() -> queue).later(intent, Duration.ofSeconds(2));

        assertNull(queue.receiveMessage(), "not visible before Retry-After");
        Thread.sleep(2500);
        var received = queue.receiveMessage();
        assertNotNull(received);
        assertEquals(intent, Json.read(received.getBody().toString(), NotificationIntent.class));
    }
}
