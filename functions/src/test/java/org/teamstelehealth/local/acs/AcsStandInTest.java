package org.teamstelehealth.local.acs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.bootstrap.Settings;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.local.StandIn;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.notifications.DeliveryStatus;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.TestSettings;

class AcsStandInTest {

    @Test
    void isFoundByTheLocalHostAndStaysOutOfTheWayOfARealConnectionString() {
        assertTrue(ServiceLoader.load(StandIn.class).stream().anyMatch(p -> p.type() == AcsStandIn.class));
        try (AcsStandIn standIn = new AcsStandIn()) {
            assertEquals(Map.of(), standIn.start(Map.of("ACS_CONNECTION_STRING", "endpoint=https://x.communication.azure.com/;accesskey=a2V5")));
            assertTrue(standIn.pages().isEmpty());
        }
    }

    @Test
    void theRealAcsClientsSendThroughItAndTheOutboxShowsWhatPatientsWouldGet() throws Exception {
        try (AcsStandIn standIn = new AcsStandIn()) {
            Map<String, String> values = new HashMap<>(TestSettings.values());
            values.put("ACS_CONNECTION_STRING", "local");
            values.putAll(standIn.start(values));
            assertTrue(values.get("ACS_CONNECTION_STRING").startsWith("endpoint=https://localhost:"));
            Application app = new Application(Settings.load(values), Clock.systemUTC(), new LoopbackHttpClient());

            String created = send(app, "created.json");
            String escaped = send(app, "escaping.json");

            assertTrue(app.deliveryLog().forAppointment(created).stream().allMatch(d -> d.status() == DeliveryStatus.SENT),
                    app.deliveryLog().forAppointment(created).toString());
            List<OutboxMessage> outbox = standIn.outbox();
            assertEquals(3, outbox.size(), "created: SMS and email; escaping: SMS only");
            assertEquals(OutboxMessage.Kind.SMS, outbox.get(0).kind(), "newest first");
            assertTrue(outbox.get(0).text().startsWith("Hi Zoë <b>,"));
            OutboxMessage email = outbox.stream().filter(m -> m.kind() == OutboxMessage.Kind.EMAIL).findFirst().orElseThrow();
            assertEquals(List.of("clintel.test@example.com"), email.to());
            assertTrue(new String(email.invite(), StandardCharsets.UTF_8).contains("METHOD:REQUEST"));

            String page = page(standIn);
            assertTrue(page.contains("Hi Zoë &lt;b&gt;,"), "SMS text escaped on the page");
            assertFalse(page.contains("Zoë <b>"), "no raw patient markup on the page");
            assertTrue(page.contains("<iframe sandbox"), page);
            assertTrue(page.contains("download=\"invite.ics\" href=\"data:text/calendar;"), page);
            assertTrue(page.indexOf("Hi Zoë") < page.indexOf("Hi Clintel"), "newest first");
            assertFalse(escaped.isEmpty());
        }
    }

    @Test
    void oneKeepingEveryRequestStillKnowsAnEmailSentMoreThanAThousandRequestsAgo() throws Exception {
        try (AcsStandIn standIn = AcsStandIn.keepingEveryRequest()) {
            Map<String, String> values = new HashMap<>(TestSettings.values());
            values.putAll(standIn.start(Map.of()));
            Application app = new Application(Settings.load(values), Clock.systemUTC(), new LoopbackHttpClient());
            String id = send(app, "provider-by-object-id.json");
            String operationId = app.deliveryLog().find(id, "INVITATION-0-email").orElseThrow().operationId();
            HttpClient http = HttpClient.newHttpClient();
            String base = standIn.endpoint().replace("https://", "http://");
            for (int i = 0; i < 1_001; i++) {
                http.send(HttpRequest.newBuilder(URI.create(base + "/emails/operations/other-" + i)).build(),
                        HttpResponse.BodyHandlers.discarding());
            }

            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/emails/operations/" + operationId)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "the send is still in its journal");
            assertTrue(standIn.server().getAllServeEvents().size() > 1_001);
        }
    }

    @Test
    void answersEmailStatusOnlyForOperationsItWasSentSoACrashedSendIsRecovered() throws Exception {
        try (AcsStandIn standIn = new AcsStandIn()) {
            Map<String, String> values = new HashMap<>(TestSettings.values());
            values.putAll(standIn.start(Map.of()));
            Application app = new Application(Settings.load(values), Clock.systemUTC(), new LoopbackHttpClient());
            String id = "standin-" + UUID.randomUUID();
            String operationId = UUID.randomUUID().toString();
            java.time.Instant crashedAt = java.time.Instant.now().minusSeconds(30);
            app.deliveryLog().insert(new org.teamstelehealth.notifications.Delivery(id, "INVITATION-0-email",
                    NotificationIntent.Kind.INVITATION, 0, org.teamstelehealth.notifications.Delivery.Channel.EMAIL,
                    DeliveryStatus.SENDING, operationId, crashedAt, 1, null, 0, null, null, null, crashedAt, null));

            send(app, "provider-by-object-id.json", id);
            send(app, "provider-by-object-id.json", id);

            assertEquals(1, standIn.outbox().size(), "sent once: ACS (the stand-in) never had it, then had it");
            assertEquals(DeliveryStatus.SENT, app.deliveryLog().find(id, "INVITATION-0-email").orElseThrow().status());
            HttpClient http = HttpClient.newHttpClient();
            String base = standIn.endpoint().replace("https://", "http://");
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/emails/operations/" + operationId)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/emails/operations/never")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    private static String send(Application app, String example) {
        return send(app, example, "standin-" + UUID.randomUUID());
    }

    private static String send(Application app, String example, String id) {
        Snapshot s = ContractExamples.snapshot(example);
        Snapshot mine = new Snapshot(id, s.version(), s.status(), s.start(), s.durationMinutes(), s.timeZone(),
                s.comments(), s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
        app.function(org.teamstelehealth.notifications.NotificationsFunction.class).run(
                org.teamstelehealth.platform.Json.write(new NotificationIntent(id, NotificationIntent.Kind.INVITATION, 0, mine,
                        "https://teams.microsoft.com/l/meetup-join/abc", "")), 1, FakeExecutionContext.of("notifications"));
        return id;
    }

    private static String page(AcsStandIn standIn) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/local/outbox", standIn.pages().get("outbox"));
        server.start();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/local/outbox")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            return response.body();
        } finally {
            server.stop(0);
        }
    }
}
