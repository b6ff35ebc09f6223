package org.teamstelehealth.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.KeyVaultClients;
import org.teamstelehealth.local.LoopbackHttpClient;
import reactor.core.publisher.Mono;

/** The real Key Vault SDK client against a WireMock vault on loopback (challenge first, as Key Vault does). */
class KeyVaultSecretStoreTest {
    private static final TokenCredential IDENTITY =
            request -> Mono.just(new AccessToken("vault-token", OffsetDateTime.now().plusHours(1)));

    private WireMockServer vault;
    private KeyVaultSecretStore store;
    private String base;

    @BeforeEach
    void start() {
        vault = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        vault.start();
        base = "https://localhost:" + vault.port();
        // Key Vault answers an unauthenticated request with a bearer challenge naming tenant and resource.
        vault.stubFor(any(anyUrl()).atPriority(1).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401)
                        .withHeader("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/"
                                + "11111111-2222-3333-4444-555555555555\", resource=\"https://vault.azure.net\"")));
        store = new KeyVaultSecretStore(KeyVaultClients.secretClient(URI.create(base), IDENTITY, new LoopbackHttpClient()));
    }

    @AfterEach
    void stop() {
        vault.stop();
    }

    @Test
    void readsTheCurrentVersionWithItsExpiryAndTagsAfterTheChallenge() {
        vault.stubFor(get(urlPathMatching("/secrets/graph-client-secret/?"))
                .withHeader("Authorization", equalTo("Bearer vault-token"))
                .willReturn(json(200, secretBundle("graph-client-secret", "abc123", "s3cr3t-value", 1893456000L,
                        "\"keyId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\""))));

        StoredSecret secret = store.get("graph-client-secret").orElseThrow();

        assertEquals("s3cr3t-value", secret.value());
        assertEquals("abc123", secret.version());
        assertEquals(Optional.of(Instant.ofEpochSecond(1893456000L)), secret.expiresOn());
        assertEquals(Optional.of("0f8fad5b-d9cb-469f-a165-70867728950e"), secret.tag(StoredSecret.KEY_ID_TAG));
        assertFalse(secret.toString().contains("s3cr3t-value"), "toString must not show the value");
    }

    @Test
    void aMissingOrDisabledSecretIsAbsent() {
        vault.stubFor(get(urlPathMatching("/secrets/webhook-secret-previous/?"))
                .withHeader("Authorization", equalTo("Bearer vault-token"))
                .willReturn(json(404, "{\"error\":{\"code\":\"SecretNotFound\",\"message\":\"A secret with (name/id)"
                        + " webhook-secret-previous was not found in this key vault.\"}}")));
        vault.stubFor(get(urlPathMatching("/secrets/webhook-secret-current/?"))
                .withHeader("Authorization", equalTo("Bearer vault-token"))
                .willReturn(json(403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Operation get is not allowed"
                        + " on a disabled secret.\",\"innererror\":{\"code\":\"SecretDisabled\"}}}")));

        assertEquals(Optional.empty(), store.get("webhook-secret-previous"));
        assertEquals(Optional.empty(), store.get("webhook-secret-current"));
    }

    @Test
    void aForbiddenReadFailsNamingTheSecretButNotAValue() {
        vault.stubFor(get(urlPathMatching("/secrets/graph-client-secret/?"))
                .withHeader("Authorization", equalTo("Bearer vault-token"))
                .willReturn(json(403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"The user, group or application"
                        + " does not have secrets get permission\",\"innererror\":{\"code\":\"AccessDenied\"}}}")));

        SecretStoreException failure = assertThrows(SecretStoreException.class, () -> store.get("graph-client-secret"));
        assertTrue(failure.getMessage().contains("graph-client-secret") && failure.getMessage().contains("403"),
                failure.getMessage());
    }

    @Test
    void storesANewVersionWithItsExpiryAndTags() {
        vault.stubFor(put(urlPathEqualTo("/secrets/graph-client-secret"))
                .withHeader("Authorization", equalTo("Bearer vault-token"))
                .willReturn(json(200, secretBundle("graph-client-secret", "def456", "new-value", 1956528000L,
                        "\"keyId\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"rotationId\":\"r1\""))));

        StoredSecret stored = store.set("graph-client-secret", "new-value", Instant.ofEpochSecond(1956528000L),
                Map.of("keyId", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "rotationId", "r1"));

        assertEquals("def456", stored.version());
        vault.verify(putRequestedFor(urlPathEqualTo("/secrets/graph-client-secret"))
                .withQueryParam("api-version", matching(".+"))
                .withRequestBody(equalToJson("{\"value\":\"new-value\",\"attributes\":{\"exp\":1956528000},"
                        + "\"tags\":{\"keyId\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"rotationId\":\"r1\"}}",
                        true, true)));
    }

    @Test
    void disablesOneVersion() {
        vault.stubFor(get(urlPathEqualTo("/secrets/webhook-secret-previous/abc123"))
                .withHeader("Authorization", equalTo("Bearer vault-token"))
                .willReturn(json(200, secretBundle("webhook-secret-previous", "abc123", "whsec_old", 1893456000L, ""))));
        vault.stubFor(patch(urlPathEqualTo("/secrets/webhook-secret-previous/abc123"))
                .withHeader("Authorization", equalTo("Bearer vault-token"))
                .willReturn(json(200, secretBundle("webhook-secret-previous", "abc123", null, 1893456000L, ""))));

        store.disable("webhook-secret-previous", "abc123");

        vault.verify(patchRequestedFor(urlPathEqualTo("/secrets/webhook-secret-previous/abc123"))
                .withRequestBody(equalToJson("{\"attributes\":{\"enabled\":false}}", true, true)));
    }

    private String secretBundle(String name, String version, String value, long exp, String tags) {
        return "{" + (value == null ? "" : "\"value\":\"" + value + "\",")
                + "\"id\":\"" + base + "/secrets/" + name + "/" + version + "\","
                + "\"attributes\":{\"enabled\":true,\"exp\":" + exp + ",\"created\":1700000000,"
                + "\"updated\":1700000000,\"recoveryLevel\":\"Recoverable+Purgeable\",\"recoverableDays\":90},"
                + "\"tags\":{" + tags + "}}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }
}
