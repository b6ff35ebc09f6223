package org.teamstelehealth.local.acs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local ACS stand-in refuses what ACS refuses: bodies outside the published schemas, mismatched repeats. */
class AcsRulesTest {
    private static final DateTimeFormatter IMF = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private final HttpClient http = HttpClient.newHttpClient();
    private final AcsStandIn standIn = new AcsStandIn();
    private String base;

    @BeforeEach
    void start() {
        standIn.start(Map.of());
        base = standIn.endpoint().replace("https://", "http://");
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sms(String id, Instant firstSent, String extra) {
        return """
                {"from":"+61400000000","message":"Hi","smsRecipients":[{"to":"+61415100919",\
                "repeatabilityRequestId":"%s","repeatabilityFirstSent":"%s"}]%s,\
                "smsSendOptions":{"enableDeliveryReport":true,"tag":"47/INVITATION-0-sms"}}"""
                .formatted(id, IMF.format(firstSent), extra);
    }

    private static String email(String subject) {
        return """
                {"senderAddress":"DoNotReply@telehealth.localhost","recipients":{"to":[{"address":"p@example.com"}]},\
                "content":{"subject":"%s","html":"<p>h</p>"}}""".formatted(subject);
    }

    @Test
    void anSmsBodyTheSpecWouldNotAcceptIsRefusedWith400() throws Exception {
        Instant now = Instant.now();
        assertEquals(202, post("/sms?api-version=2021-03-07", sms(UUID.randomUUID().toString(), now, "")).statusCode());
        HttpResponse<String> unknown = post("/sms?api-version=2021-03-07", sms(UUID.randomUUID().toString(), now, ",\"priority\":1"));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("priority"), unknown.body());
        HttpResponse<String> missing = post("/sms?api-version=2021-03-07", """
                {"from":"+61400000000","smsRecipients":[{"to":"+61415100919"}]}""");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("message"), missing.body());
        assertEquals(400, post("/sms?api-version=2021-03-07", """
                {"from":"+61400000000","message":"Hi","smsRecipients":[{"to":"+61415100919"}],\
                "smsSendOptions":{"enableDeliveryReport":"yes"}}""").statusCode(), "wrong type");
    }

    @Test
    void anSmsRepeatabilityIdReusedWithANewFirstSentIsRefusedAndAnOldFirstSentIs412() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant first = Instant.now().minusSeconds(30);
        assertEquals(202, post("/sms?api-version=2021-03-07", sms(id, first, "")).statusCode());
        assertEquals(202, post("/sms?api-version=2021-03-07", sms(id, first, "")).statusCode(), "a true repeat");
        assertEquals(400, post("/sms?api-version=2021-03-07", sms(id, Instant.now(), "")).statusCode(), "re-stamped");
        assertEquals(412, post("/sms?api-version=2021-03-07",
                sms(UUID.randomUUID().toString(), Instant.now().minus(Duration.ofMinutes(6)), "")).statusCode());
        assertEquals(1, standIn.outbox().size(), "the repeat is sent once, the refused not at all");
    }

    @Test
    void aRepeatedEmailWhoseBodyDiffersIsRefusedWith400AndAnIdenticalOneGoesThrough() throws Exception {
        String id = UUID.randomUUID().toString();
        String firstSent = IMF.format(Instant.now());
        String[] headers = {"Operation-Id", id, "Repeatability-Request-Id", id, "Repeatability-First-Sent", firstSent};
        assertEquals(202, post("/emails:send?api-version=2023-03-31", email("Your appointment"), headers).statusCode());
        assertEquals(202, post("/emails:send?api-version=2023-03-31", email("Your appointment"), headers).statusCode());
        HttpResponse<String> different = post("/emails:send?api-version=2023-03-31", email("Your appointment (2)"), headers);
        assertEquals(400, different.statusCode());
        assertEquals(400, post("/emails:send?api-version=2023-03-31", """
                {"senderAddress":"DoNotReply@telehealth.localhost","recipients":{"to":[{"address":"p@example.com"}]},\
                "content":{"html":"<p>no subject</p>"}}""").statusCode(), "content.subject is required");
        assertEquals(400, post("/emails:send?api-version=2023-03-31", email("s"), "Operation-Id", "op-1").statusCode(),
                "Operation-Id is a GUID");
        assertEquals(1, standIn.outbox().size());
    }
}
