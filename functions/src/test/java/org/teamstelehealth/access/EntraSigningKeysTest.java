package org.teamstelehealth.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.testing.AdminTokens;
import org.teamstelehealth.testing.MutableClock;

class EntraSigningKeysTest {
    private static final String PATH = "/test-tenant/discovery/v2.0/keys";
    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-01T10:00:00Z"));
    private WireMockServer entra;
    private final HttpClient http = HttpClient.newHttpClient();
    private EntraSigningKeys keys;

    @BeforeEach
    void start() {
        entra = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        entra.start();
        keys = new EntraSigningKeys(URI.create(entra.baseUrl() + PATH), () -> http, clock);
    }

    @AfterEach
    void stop() {
        entra.stop();
    }

    private void publish(AdminTokens... tenantKeys) {
        StringBuilder all = new StringBuilder();
        for (AdminTokens key : tenantKeys) {
            String one = key.jwks();
            all.append(all.length() == 0 ? "" : ",").append(one, one.indexOf('[') + 1, one.lastIndexOf(']'));
        }
        entra.stubFor(get(PATH).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"keys\":[" + all + "]}")));
    }

    @Test
    void keysAreFetchedOnceAndAKeyRolledOverLaterIsFetchedOnFirstUse() {
        AdminTokens first = AdminTokens.generate("k1", clock);
        publish(first);
        assertTrue(keys.find("k1").isPresent());
        assertTrue(keys.find("k1").isPresent());
        entra.verify(1, getRequestedFor(urlEqualTo(PATH)));

        AdminTokens rolled = AdminTokens.generate("k2", clock);
        publish(first, rolled);
        clock.advance(EntraSigningKeys.MIN_REFRESH);
        AccessTokens tokens = new AccessTokens(AdminTokens.settings(), keys);
        assertTrue(tokens.verify(rolled.admin(), clock.instant()).may(Role.ADMIN));
        entra.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void unknownKeyIdsDoNotRefetchMoreThanOnceInFiveMinutes() {
        publish(AdminTokens.generate("k1", clock));
        for (int i = 0; i < 20; i++) {
            assertTrue(keys.find("forged-" + i).isEmpty());
        }
        entra.verify(1, getRequestedFor(urlEqualTo(PATH)));
        clock.advance(Duration.ofHours(25));
        keys.find("k1");
        entra.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void anUnreachableOrFailingKeysEndpointIsSaidSo() {
        entra.stubFor(get(PATH).willReturn(aResponse().withStatus(500)));
        assertThrows(SigningKeysUnavailableException.class, () -> keys.find("k1"));
    }
}
