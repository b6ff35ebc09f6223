package org.teamstelehealth.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.TokenRequestContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.ClientSecretCredentials;
import org.teamstelehealth.bootstrap.GraphClients;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.platform.GraphSettings;
import org.teamstelehealth.testing.MutableClock;

/** The real identity library's client-secret credential against a WireMock Entra token endpoint. */
class RotatingClientSecretCredentialTest {
    private static final String TENANT = "11111111-2222-3333-4444-555555555555";
    private static final String NAME = "graph-client-secret";
    private static final TokenRequestContext GRAPH = new TokenRequestContext().addScopes(GraphClients.SCOPE);

    private WireMockServer entra;
    private final InMemorySecretStore store = new InMemorySecretStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
    private CachedSecrets cache;
    private RotatingClientSecretCredential credential;

    @BeforeEach
    void start() {
        entra = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        entra.start();
        ClientSecretCredentials credentials = new ClientSecretCredentials(new GraphSettings(TENANT, "app-client-id",
                URI.create("https://localhost:" + entra.port()), URI.create(GraphSettings.DEFAULT_BASE_URL)),
                new LoopbackHttpClient());
        cache = new CachedSecrets(store, clock, Duration.ofMinutes(30));
        credential = new RotatingClientSecretCredential(cache, NAME, credentials::forSecret);
        acceptSecret("old-secret", "token-for-old");
    }

    @AfterEach
    void stop() {
        entra.stop();
    }

    @Test
    void whenEntraRejectsTheSecretItReadsTheStoreAgainAndUsesTheNewVersion() {
        store.set(NAME, "old-secret", null, Map.of());
        assertEquals("token-for-old", credential.getTokenSync(GRAPH).getToken());

        // Rotated elsewhere: the store has a new version, the old password was removed from Entra.
        store.set(NAME, "new-secret", null, Map.of());
        rejectSecret("old-secret");
        acceptSecret("new-secret", "token-for-new");
        clock.advance(Duration.ofMinutes(1)); // well inside the cache's 30 minutes

        assertEquals("token-for-new", credential.getTokenSync(GRAPH).getToken());
        entra.verify(postRequestedFor(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .withRequestBody(containing("client_secret=new-secret")));
    }

    @Test
    void picksUpANewVersionWhenTheCacheExpiresWithoutARejection() {
        store.set(NAME, "old-secret", null, Map.of());
        credential.getTokenSync(GRAPH);
        store.set(NAME, "new-secret", null, Map.of());
        acceptSecret("new-secret", "token-for-new");

        clock.advance(Duration.ofMinutes(31));

        assertEquals("token-for-new", credential.getTokenSync(GRAPH).getToken());
    }

    @Test
    void aRejectedSecretWithNoNewerVersionFailsAsEntraSaid() {
        store.set(NAME, "old-secret", null, Map.of());
        rejectSecret("old-secret");

        RuntimeException failure = assertThrows(RuntimeException.class, () -> credential.getTokenSync(GRAPH));
        assertTrue(EntraRefusals.isRejectedSecret(failure));
    }

    /** Tokens live a minute: inside the identity library's refresh margin, so each call asks Entra again. */
    private void acceptSecret(String secret, String token) {
        entra.stubFor(post(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .withRequestBody(containing("client_secret=" + secret))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":60,\"ext_expires_in\":60,"
                                + "\"access_token\":\"" + token + "\"}")));
    }

    private void rejectSecret(String secret) {
        entra.stubFor(post(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .withRequestBody(containing("client_secret=" + secret))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client"
                                + " secret provided. Ensure the secret being sent in the request is the client secret"
                                + " value, not the client secret ID.\",\"error_codes\":[7000215]}")));
    }
}
