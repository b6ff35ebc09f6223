package org.teamstelehealth.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.AdminTokens;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.MutableClock;
import org.teamstelehealth.testing.TestSettings;

/**
 * The admin routes as the worker calls them, through {@link Application} with local settings (no
 * Key Vault: the settings hold the secrets) and the Entra/Graph stand-in.
 */
class SecretFunctionsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

    private EntraStandIn entra;
    private Application app;
    private EntraStandIn.StoredPassword original;
    private final AdminTokens tenant = AdminTokens.generate(new MutableClock(NOW));
    private AdminTokens.JwksServer tenantKeys;

    @BeforeEach
    void setUp() {
        entra = new EntraStandIn();
        original = entra.addExisting("portal", "local-client-secret-value", NOW.plusSeconds(86_400 * 30));
        tenantKeys = tenant.serve();
        Map<String, String> values = new java.util.HashMap<>(tenantKeys.settings());
        values.putAll(Map.of(
                "GRAPH_TENANT_ID", EntraStandIn.TENANT,
                "GRAPH_CLIENT_ID", EntraStandIn.CLIENT_ID,
                "GRAPH_CLIENT_SECRET", original.secretText(),
                // Its own partition of the shared rotations table, so no test resumes another's rotation.
                "GRAPH_CLIENT_SECRET_NAME", "graph-client-secret-" + System.nanoTime(),
                "GRAPH_BASE_URL", entra.graphBaseUrl().toString(),
                "GRAPH_AUTHORITY_HOST", entra.authorityHost().toString(),
                "AzureWebJobsStorage", org.teamstelehealth.local.Azurite.shared().connectionString()));
        app = new Application(TestSettings.settings(values), new MutableClock(NOW), new LoopbackHttpClient());
    }

    @AfterEach
    void tearDown() {
        entra.close();
        tenantKeys.close();
    }

    private FakeHttpRequest asAdmin(String path) {
        return FakeHttpRequest.post("http://localhost/api/manage/secrets/" + path)
                .header("Authorization", AdminTokens.bearer(tenant.admin()));
    }

    @Test
    void webhookRotationAnswersTheNewSecretOnceAndIntakeAcceptsBoth() throws Exception {
        HttpResponseMessage response = app.function(RotateWebhookSecretFunction.class)
                .run(asAdmin("webhook/rotate"),
                        FakeExecutionContext.of("rotateWebhookSecret"));

        assertEquals(200, response.getStatus().value());
        assertEquals("no-store", response.getHeader("Cache-Control"));
        JsonNode body = Json.MAPPER.readTree((String) response.getBody());
        String secret = body.path("secret").asText();
        assertTrue(secret.matches("whsec_[A-Za-z0-9+/]{43}="), secret);
        assertEquals("2026-12-02T09:00:00Z", body.path("previous_accepted_until").asText());
        assertEquals(List.of(secret, TestSettings.WEBHOOK_SECRET), app.webhookSecrets().accepted());
    }

    @Test
    void aSecondWebhookRotationDuringTheOverlapIs409UnlessTheAdminEndsTheOverlap() throws Exception {
        String first = Json.MAPPER.readTree((String) rotateWebhook(asAdmin("webhook/rotate")).getBody()).path("secret").asText();

        HttpResponseMessage refused = rotateWebhook(asAdmin("webhook/rotate"));

        assertEquals(409, refused.getStatus().value());
        JsonNode problem = Json.MAPPER.readTree((String) refused.getBody());
        assertEquals("2026-12-02T09:00:00Z", problem.path("previous_accepted_until").asText());
        assertTrue(problem.path("detail").asText().contains("end_overlap=true"), problem.toString());
        assertFalse(((String) refused.getBody()).contains("whsec_"), "a refusal shows no secret");
        assertEquals(List.of(first, TestSettings.WEBHOOK_SECRET), app.webhookSecrets().accepted());

        HttpResponseMessage ended = rotateWebhook(asAdmin("webhook/rotate?end_overlap=true"));

        assertEquals(200, ended.getStatus().value());
        String second = Json.MAPPER.readTree((String) ended.getBody()).path("secret").asText();
        assertEquals(List.of(second, first), app.webhookSecrets().accepted(), "the original secret was dropped first");
    }

    @Test
    void withTheManagedIdentityCredentialTheClientSecretRouteSaysThereIsNone() throws Exception {
        Map<String, String> values = new java.util.HashMap<>(tenantKeys.settings());
        values.putAll(Map.of("GRAPH_CREDENTIAL", "managed_identity", "GRAPH_CLIENT_SECRET", "",
                "GRAPH_TENANT_ID", EntraStandIn.TENANT, "GRAPH_CLIENT_ID", EntraStandIn.CLIENT_ID,
                "GRAPH_BASE_URL", entra.graphBaseUrl().toString(), "GRAPH_AUTHORITY_HOST", entra.authorityHost().toString()));
        Application federated = new Application(TestSettings.settings(values), new MutableClock(NOW), new LoopbackHttpClient());

        HttpResponseMessage response = federated.function(RotateGraphClientSecretFunction.class)
                .run(asAdmin("graph-client/rotate"), FakeExecutionContext.of("rotateGraphClientSecret"));

        assertEquals(409, response.getStatus().value());
        assertTrue(((String) response.getBody()).contains("no client secret"), (String) response.getBody());
        assertEquals(1, entra.passwords().size(), "no password added to the registration");
    }

    private HttpResponseMessage rotateWebhook(FakeHttpRequest request) {
        return app.function(RotateWebhookSecretFunction.class).run(request, FakeExecutionContext.of("rotateWebhookSecret"));
    }

    @Test
    void graphClientRotationAnswersTheRotationWithoutTheSecret() throws Exception {
        HttpResponseMessage response = app.function(RotateGraphClientSecretFunction.class)
                .run(asAdmin("graph-client/rotate"),
                        FakeExecutionContext.of("rotateGraphClientSecret"));

        assertEquals(200, response.getStatus().value());
        String json = (String) response.getBody();
        EntraStandIn.StoredPassword added = entra.passwords().get(1);
        assertFalse(json.contains(added.secretText()), "the response must not show the new secret");
        JsonNode body = Json.MAPPER.readTree(json);
        assertEquals("awaiting_removal", body.path("state").asText());
        assertEquals(added.keyId().toString(), body.path("new_key_id").asText());
        assertEquals(original.keyId().toString(), body.path("old_key_id").asText());
        assertEquals("2026-11-30T09:00:00Z", body.path("old_password_removed_after").asText());
    }

    @Test
    void aRequestWhileAnotherRunsTheRotationAnswers409WithRetryAfter() {
        String name = app.settings().secrets().graphClientSecretName();
        new TableRotationLog(() -> app.storage().table(TableRotationLog.TABLE)).claim(name, "running", NOW, NOW.plusSeconds(120));

        HttpResponseMessage response = app.function(RotateGraphClientSecretFunction.class)
                .run(asAdmin("graph-client/rotate"),
                        FakeExecutionContext.of("rotateGraphClientSecret"));

        assertEquals(409, response.getStatus().value());
        assertEquals("120", response.getHeader("Retry-After"));
        assertEquals(1, entra.passwords().size());
    }

    @Test
    void aFailedStepAnswers502NamingTheStepAndHowToResume() throws Exception {
        entra.failNext("addPassword", 500);

        HttpResponseMessage response = app.function(RotateGraphClientSecretFunction.class)
                .run(asAdmin("graph-client/rotate"),
                        FakeExecutionContext.of("rotateGraphClientSecret"));

        assertEquals(502, response.getStatus().value());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        JsonNode body = Json.MAPPER.readTree((String) response.getBody());
        assertTrue(body.path("detail").asText().contains("add and store the new password"), body.toString());
        assertTrue(body.path("detail").asText().contains("Repeat the request"), body.toString());
        assertEquals(1, entra.passwords().size());
    }
}
