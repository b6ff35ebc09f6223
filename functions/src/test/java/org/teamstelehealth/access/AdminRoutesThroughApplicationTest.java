package org.teamstelehealth.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.AppointmentStatusFunction;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.feed.FeedLinksFunction;
import org.teamstelehealth.notifications.TemplateAdminFunction;
import org.teamstelehealth.secrets.RotateWebhookSecretFunction;
import org.teamstelehealth.testing.AdminTokens;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.FakeHttpRequest.Response;
import org.teamstelehealth.testing.TestSettings;

/**
 * Who may call the admin routes, as {@link Application} wires them with {@code ADMIN_AUTH=entra}: tokens
 * signed by a key the test makes, the tenant's JWKS served from WireMock, the audit log in Azurite.
 */
class AdminRoutesThroughApplicationTest {
    // An hour of its own in the shared audit table, so entries of other tests do not show up.
    private final Instant now = Instant.parse("2031-01-01T00:00:00Z")
            .plusSeconds(3600 * (System.nanoTime() % (24 * 365 * 20)));
    private static final String BASE = "https://telehealth.example.org/api/manage/";
    private final Clock clock = Clock.offset(Clock.systemUTC(), java.time.Duration.between(Instant.now(), now));
    private final AdminTokens tenant = AdminTokens.generate(clock);
    private final AdminTokens.JwksServer keys = tenant.serve();
    private final Application app = new Application(TestSettings.settings(keys.settings()), clock, null);

    @AfterEach
    void stop() {
        keys.close();
    }

    private Response status(String authorization) {
        FakeHttpRequest request = FakeHttpRequest.get(BASE + "appointments/47-unknown");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return FakeHttpRequest.response(app.function(AppointmentStatusFunction.class)
                .run(request, "47-unknown", FakeExecutionContext.of("appointmentStatus")));
    }

    @Test
    void noTokenOrABadOneIs401WithABearerChallenge() {
        Response none = status(null);
        assertEquals(401, none.status());
        assertEquals("Bearer", none.getHeader("WWW-Authenticate"));

        Map<String, Object> otherApp = tenant.claims("Telehealth.Admin");
        otherApp.put("aud", "api://another-app");
        Map<String, Object> expired = tenant.claims("Telehealth.Admin");
        expired.put("exp", now.minusSeconds(3600).getEpochSecond());
        Map<String, Object> otherTenant = tenant.claims("Telehealth.Admin");
        otherTenant.put("iss", "https://sts.windows.net/attacker-tenant/");
        String forged = AdminTokens.generate(clock).admin();
        for (String token : new String[] {tenant.sign(otherApp), tenant.sign(expired), tenant.sign(otherTenant), forged,
                "garbage"}) {
            Response refused = status(AdminTokens.bearer(token));
            assertEquals(401, refused.status(), refused.bodyText());
            assertEquals("Bearer error=\"invalid_token\"", refused.getHeader("WWW-Authenticate"));
        }
        assertEquals(401, status("Basic dXNlcjpwYXNz").status(), "only bearer tokens");
    }

    @Test
    void aTokenWithoutARoleIs403AndAReaderMayReadButNotWrite() {
        assertEquals(403, status(AdminTokens.bearer(tenant.user())).status());
        assertEquals(404, status(AdminTokens.bearer(tenant.reader())).status(), "past the guard: no such appointment");

        Response save = FakeHttpRequest.response(app.function(TemplateAdminFunction.class).template(
                FakeHttpRequest.request(com.microsoft.azure.functions.HttpMethod.PUT, BASE + "templates/sms-created")
                        .header("Authorization", AdminTokens.bearer(tenant.reader())).body("Hi {{patient.first_name}}"),
                "sms-created", FakeExecutionContext.of("manage-template")));
        assertEquals(403, save.status());
        assertTrue(save.json().path("detail").asText().contains("Telehealth.Admin"), save.bodyText());

        Response rotate = rotateWebhookSecret(tenant.reader());
        assertEquals(403, rotate.status());
        assertFalse(rotate.bodyText().contains("whsec_"));
        Response issue = FakeHttpRequest.response(app.function(FeedLinksFunction.class).issue(
                FakeHttpRequest.post(BASE + "providers/7/feed-links").header("Authorization", AdminTokens.bearer(tenant.reader())),
                "7", FakeExecutionContext.of("issueFeedLink")));
        assertEquals(403, issue.status());
    }

    @Test
    void anAdminsActionsAreRecordedWithoutSecretsAndOnlyAnAdminReadsThem() {
        assertEquals(200, rotateWebhookSecret(tenant.admin()).status());
        assertEquals(403, status(AdminTokens.bearer(tenant.user())).status());
        status(AdminTokens.bearer(tenant.reader()));

        assertEquals(403, audit(tenant.reader()).status(), "readers do not read the audit log");
        Response audit = audit(tenant.admin());
        assertEquals(200, audit.status(), audit.bodyText());
        JsonNode entries = audit.json().path("entries");
        assertEquals(4, entries.size(), audit.bodyText());
        JsonNode rotation = entries.get(0);
        assertEquals("webhook-secret.rotate", rotation.path("action").asText());
        assertEquals("secret/webhook-secret", rotation.path("target").asText());
        assertEquals("00000000-aaaa-bbbb-cccc-000000000001", rotation.path("caller_id").asText());
        assertEquals("alex.admin@clinic.example", rotation.path("caller_name").asText());
        assertEquals(200, rotation.path("status").asInt());
        assertEquals(403, entries.get(1).path("status").asInt());
        assertEquals("appointment/47-unknown", entries.get(2).path("target").asText());
        assertEquals("audit.read", entries.get(3).path("action").asText(), "the refused reader's attempt");
        assertFalse(audit.bodyText().contains("whsec_"), "never the secret");
    }

    private Response rotateWebhookSecret(String token) {
        return FakeHttpRequest.response(app.function(RotateWebhookSecretFunction.class).run(
                FakeHttpRequest.post(BASE + "secrets/webhook/rotate").header("Authorization", AdminTokens.bearer(token)),
                FakeExecutionContext.of("rotateWebhookSecret")));
    }

    private Response audit(String token) {
        return FakeHttpRequest.response(app.function(AuditFunction.class).run(
                FakeHttpRequest.get(BASE + "audit?from=" + now.minusSeconds(3600) + "&to=" + now.plusSeconds(3600))
                        .header("Authorization", AdminTokens.bearer(token)),
                FakeExecutionContext.of("auditLog")));
    }
    @Test
    void theAttentionListIsForReadersAndEachLookIsRecorded() {
        java.util.function.Function<String, Response> list = token -> FakeHttpRequest.response(
                app.function(org.teamstelehealth.appointments.AttentionListFunction.class).run(
                        FakeHttpRequest.get(BASE + "appointments").query("status", "failed")
                                .header("Authorization", AdminTokens.bearer(token)),
                        FakeExecutionContext.of("appointmentsNeedingAttention")));

        assertEquals(403, list.apply(tenant.user()).status());
        Response read = list.apply(tenant.reader());
        assertEquals(200, read.status(), read.bodyText());

        JsonNode entries = audit(tenant.admin()).json().path("entries");
        assertEquals(2, entries.size(), entries.toString());
        assertEquals("appointments.attention", entries.get(1).path("action").asText());
        assertEquals("appointments", entries.get(1).path("target").asText());
        assertEquals(200, entries.get(1).path("status").asInt());
    }
}
