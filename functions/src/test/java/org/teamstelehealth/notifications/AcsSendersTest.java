package org.teamstelehealth.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.AcsClients;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.local.acs.AcsRules;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.SettingsSource;

/** The real ACS SDK clients, built as the app builds them, against WireMock: what they send and how answers are read. */
class AcsSendersTest {
    static final String KEY = Base64.getEncoder().encodeToString("test-access-key-for-acs-hmac-signing".getBytes());
    /** What Retry-After dates are measured from; the repeatability times stay on the real clock. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String OLD_ID = "00000000-0000-4000-8000-0000000001d0";
    private static final String ALREADY_HAS_IT = "00000000-0000-4000-8000-0000000a1ead";
    private static final String NEVER_GOT_IT = "00000000-0000-4000-8000-00000000ba11";
    private WireMockServer acs;
    private AcsClients clients;

    @BeforeEach
    void start() {
        acs = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(new AcsRules()));
        acs.start();
        NotificationSettings settings = NotificationSettings.from(new SettingsSource(Map.of(
                "ACS_CONNECTION_STRING", "endpoint=https://localhost:" + acs.port() + "/;accesskey=" + KEY,
                "ACS_SMS_FROM", "+61400000000",
                "ACS_EMAIL_SENDER", "DoNotReply@clinic.example")));
        clients = new AcsClients(settings, null, new LoopbackHttpClient());
    }

    @AfterEach
    void stop() {
        acs.stop();
    }

    private AcsSmsSender smsSender() {
        return new AcsSmsSender(clients.sms(), "+61400000000", CLOCK);
    }

    private AcsEmailSender emailSender() {
        return clients.emailSender("DoNotReply@clinic.example", Optional.of("clinic@clinic.example"), Duration.ofSeconds(10), CLOCK);
    }

    private void smsAnswers(int status, String body) {
        acs.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void smsGoesFromOurNumberWithOurRepeatabilityIdAndFirstSentSignedByHmac() throws Exception {
        smsAnswers(202, """
                {"value":[{"to":"+61415100919","messageId":"Outgoing_1","httpStatusCode":202,"successful":true}]}""");
        Instant firstSent = Instant.now().minusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        String id = smsSender().send(new SmsSender.Sms("6f1c1e52-0000-4000-8000-000000000001", "+61415100919", "Hi Clintel, é€", firstSent));

        assertEquals("Outgoing_1", id);
        LoggedRequest request = acs.findAll(postRequestedFor(urlPathEqualTo("/sms"))).get(0);
        assertEquals("2021-03-07", request.queryParameter("api-version").firstValue());
        assertTrue(request.getHeader("Authorization").startsWith("HMAC-SHA256 SignedHeaders="), request.getHeader("Authorization"));
        JsonNode body = Json.MAPPER.readTree(request.getBodyAsString());
        assertEquals("+61400000000", body.get("from").asText());
        assertEquals("Hi Clintel, é€", body.get("message").asText());
        JsonNode recipient = body.get("smsRecipients").get(0);
        assertEquals("+61415100919", recipient.get("to").asText());
        assertEquals("6f1c1e52-0000-4000-8000-000000000001", recipient.get("repeatabilityRequestId").asText());
        assertEquals(AcsSmsSender.FIRST_SENT_FORMAT.format(firstSent), recipient.get("repeatabilityFirstSent").asText());
        assertTrue(recipient.get("repeatabilityFirstSent").asText().matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"));
        // The signature covers the rewritten body, not the SDK's original.
        String hash = Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(request.getBody()));
        assertEquals(hash, request.getHeader("x-ms-content-sha256"));
    }

    @Test
    void smsAsksForADeliveryReportTaggedWithTheDeliveryAndNoPatientData() throws Exception {
        smsAnswers(202, """
                {"value":[{"to":"+61415100919","messageId":"Outgoing_2","httpStatusCode":202,"successful":true}]}""");
        smsSender().send(new SmsSender.Sms(UUID.randomUUID().toString(), "+61415100919", "Hi", Instant.now(),
                "47/INVITATION-0-sms"));
        JsonNode options = Json.MAPPER.readTree(acs.findAll(postRequestedFor(urlPathEqualTo("/sms"))).get(0).getBodyAsString())
                .get("smsSendOptions");
        assertTrue(options.get("enableDeliveryReport").asBoolean(), options.toString());
        assertEquals("47/INVITATION-0-sms", options.get("tag").asText());
    }

    @Test
    void theFirstSentTimeGoesUnchangedSoAnOldOneIsRefusedByAcsRatherThanRestamped() {
        smsAnswers(202, """
                {"value":[{"to":"+61415100919","messageId":"Outgoing_2","httpStatusCode":202,"successful":true}]}""");
        Instant old = Instant.now().minus(Duration.ofMinutes(11));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> smsSender().send(new SmsSender.Sms(OLD_ID, "+61415100919", "Hi", old)));
        assertTrue(e.getMessage().contains("412"), e.getMessage());
    }

    @Test
    void aRecipientRejectedInsideA202IsAPermanentFailureNotASuccess() {
        smsAnswers(202, """
                {"value":[{"to":"+61415100919","httpStatusCode":400,"successful":false,"errorMessage":"Invalid To phone number +61415100919"}]}""");
        PermanentDeliveryException e = assertThrows(PermanentDeliveryException.class,
                () -> smsSender().send(new SmsSender.Sms(UUID.randomUUID().toString(), "+61415100919", "Hi", Instant.now())));
        assertTrue(e.getMessage().contains("400"), e.getMessage());
        assertFalse(e.getMessage().contains("415100919"), "no patient number in messages: " + e.getMessage());
    }

    @Test
    void aRecipientThrottledInsideA202IsTransient() {
        smsAnswers(202, """
                {"value":[{"to":"+61415100919","httpStatusCode":503,"successful":false}]}""");
        assertThrows(TransientDeliveryException.class,
                () -> smsSender().send(new SmsSender.Sms(UUID.randomUUID().toString(), "+61415100919", "Hi", Instant.now())));
    }

    @Test
    void throttlingIsReportedWithRetryAfterAfterOneRequestWithoutSleeping() {
        acs.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"TooManyRequests\"}}")));
        long started = System.nanoTime();
        TransientDeliveryException e = assertThrows(TransientDeliveryException.class,
                () -> smsSender().send(new SmsSender.Sms(UUID.randomUUID().toString(), "+61415100919", "Hi", Instant.now())));
        assertEquals(Optional.of(Duration.ofSeconds(17)), e.retryAfter());
        assertEquals(1, acs.findAll(postRequestedFor(urlPathEqualTo("/sms"))).size(), "no SDK retries");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5);
    }

    @Test
    void aRetryAfterDateIsMeasuredFromTheSendersClock() {
        acs.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "Mon, 02 Mar 2026 10:00:45 GMT")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"ServiceUnavailable\"}}")));
        TransientDeliveryException e = assertThrows(TransientDeliveryException.class,
                () -> smsSender().send(new SmsSender.Sms(UUID.randomUUID().toString(), "+61415100919", "Hi", Instant.now())));
        assertEquals(Optional.of(Duration.ofSeconds(45)), e.retryAfter());
    }

    @Test
    void azuresMillisecondRetryAfterWinsOverTheSecondsOne() {
        acs.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(429)
                .withHeader("retry-after-ms", "1500").withHeader("Retry-After", "2")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"TooManyRequests\"}}")));
        TransientDeliveryException e = assertThrows(TransientDeliveryException.class,
                () -> smsSender().send(new SmsSender.Sms(UUID.randomUUID().toString(), "+61415100919", "Hi", Instant.now())));
        assertEquals(Optional.of(Duration.ofMillis(1500)), e.retryAfter());
    }

    private void emailAccepted() {
        acs.stubFor(post(urlPathEqualTo("/emails:send")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withHeader("Operation-Location", "https://localhost:" + acs.port() + "/emails/operations/op-7?api-version=2023-03-31")
                .withHeader("Retry-After", "0")
                .withBody("{\"id\":\"op-7\",\"status\":\"Running\"}")));
        acs.stubFor(get(urlPathMatching("/emails/operations/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"op-7\",\"status\":\"Succeeded\"}")));
    }

    @Test
    void emailCarriesOurOperationIdTheContentAndTheInviteAsTextCalendar() throws Exception {
        emailAccepted();
        byte[] ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8);
        Instant firstSent = Instant.now().minusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        emailSender().send(new EmailSender.Email("9b2d4c1e-0000-4000-8000-000000000007", List.of("clintel.test@example.com"),
                "New Telehealth Appointment", "<p>Hi Zoë &lt;b&gt;</p>", "Hi Zoë <b>",
                List.of(new EmailSender.Attachment("invite.ics", "text/calendar", ics)), firstSent));

        LoggedRequest request = acs.findAll(postRequestedFor(urlPathEqualTo("/emails:send"))).get(0);
        assertEquals("2023-03-31", request.queryParameter("api-version").firstValue());
        assertEquals("9b2d4c1e-0000-4000-8000-000000000007", request.getHeader("Operation-Id"));
        assertEquals("9b2d4c1e-0000-4000-8000-000000000007", request.getHeader("Repeatability-Request-Id"));
        assertEquals(AcsSmsSender.FIRST_SENT_FORMAT.format(firstSent), request.getHeader("Repeatability-First-Sent"));
        assertTrue(request.getHeader("Authorization").startsWith("HMAC-SHA256"));
        JsonNode body = Json.MAPPER.readTree(request.getBodyAsString());
        assertEquals("DoNotReply@clinic.example", body.get("senderAddress").asText());
        assertEquals("clintel.test@example.com", body.at("/recipients/to/0/address").asText());
        assertEquals("clinic@clinic.example", body.at("/replyTo/0/address").asText());
        assertEquals("New Telehealth Appointment", body.at("/content/subject").asText());
        assertEquals("<p>Hi Zoë &lt;b&gt;</p>", body.at("/content/html").asText());
        assertEquals("Hi Zoë <b>", body.at("/content/plainText").asText());
        JsonNode attachment = body.at("/attachments/0");
        assertEquals("invite.ics", attachment.get("name").asText());
        assertEquals("text/calendar", attachment.get("contentType").asText());
        assertArrayEquals(ics, Base64.getDecoder().decode(attachment.get("contentInBase64").asText()));
        acs.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathMatching("/emails/operations/op-7")));
    }

    @Test
    void acsIsAskedWhetherItHasAnOperationAndA404MeansNever() {
        emailAccepted();
        acs.stubFor(get(urlPathEqualTo("/emails/operations/" + NEVER_GOT_IT)).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"NotFound\"}}")));
        assertTrue(assertDoesNotThrow(() -> emailSender().has(ALREADY_HAS_IT)));
        assertFalse(assertDoesNotThrow(() -> emailSender().has(NEVER_GOT_IT)));
        acs.verify(0, postRequestedFor(urlPathEqualTo("/emails:send")));
        acs.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/emails/operations/" + ALREADY_HAS_IT)));
    }

    @Test
    void aRejectedAddressIsPermanentAndAnOutageIsTransient() {
        acs.stubFor(post(urlPathEqualTo("/emails:send")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InvalidRecipient\",\"message\":\"bad address clintel.test@example.com\"}}")));
        EmailSender.Email email = new EmailSender.Email(UUID.randomUUID().toString(), List.of("clintel.test@example.com"),
                "s", "<p>h</p>", "h", List.of());
        PermanentDeliveryException permanent = assertThrows(PermanentDeliveryException.class, () -> emailSender().send(email));
        assertFalse(permanent.getMessage().contains("clintel.test"), permanent.getMessage());

        acs.resetAll();
        acs.stubFor(post(urlPathEqualTo("/emails:send")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"ServiceUnavailable\"}}")));
        EmailSender.Email another = new EmailSender.Email(UUID.randomUUID().toString(), List.of("clintel.test@example.com"),
                "s", "<p>h</p>", "h", List.of());
        assertThrows(TransientDeliveryException.class, () -> emailSender().send(another));
        assertEquals(1, acs.findAll(postRequestedFor(urlPathEqualTo("/emails:send"))).size());
    }
}
