package org.teamstelehealth.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.testing.TestSettings;
import reactor.core.publisher.Mono;

/**
 * {@code GRAPH_CREDENTIAL=managed_identity}: a Graph token is asked for with the managed identity's token
 * (for {@code api://AzureADTokenExchange}) as the client assertion, never a client secret. The Entra token
 * endpoint is a WireMock that issues a token only for that assertion; the managed identity is a stand-in
 * (its real endpoint, IDENTITY_ENDPOINT, exists only on Azure).
 */
class FederatedGraphCredentialTest {
    private static final String TENANT = "tenant-federated";
    private WireMockServer entra;

    @BeforeEach
    void start() {
        entra = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        entra.start();
        entra.stubFor(post("/" + TENANT + "/oauth2/v2.0/token").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
        entra.stubFor(post("/" + TENANT + "/oauth2/v2.0/token")
                .withRequestBody(containing("client_assertion=managed-identity-token"))
                .withRequestBody(containing("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"ext_expires_in\":3600,"
                                + "\"access_token\":\"graph-token\"}")));
    }

    @AfterEach
    void stop() {
        entra.stop();
    }

    @Test
    void theGraphTokenIsGotWithTheManagedIdentitysTokenAsClientAssertion() {
        Settings settings = TestSettings.settings(Map.of("GRAPH_CREDENTIAL", "managed_identity", "GRAPH_CLIENT_SECRET", "",
                "GRAPH_TENANT_ID", TENANT, "GRAPH_AUTHORITY_HOST", "https://localhost:" + entra.port()));
        List<String> askedScopes = new ArrayList<>();
        TokenCredential managedIdentity = context -> {
            askedScopes.addAll(context.getScopes());
            return Mono.just(new AccessToken("managed-identity-token", OffsetDateTime.now().plusHours(1)));
        };

        AccessToken graph = new AzureClients(settings, new LoopbackHttpClient()).federatedGraphCredential(managedIdentity)
                .getTokenSync(new TokenRequestContext().addScopes(GraphClients.SCOPE));

        assertEquals("graph-token", graph.getToken());
        assertEquals(java.util.Set.of("api://AzureADTokenExchange/.default"), java.util.Set.copyOf(askedScopes));
        entra.verify(postRequestedFor(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .withRequestBody(containing("client_id=" + settings.graph().clientId())));
        assertFalse(entra.getAllServeEvents().get(0).getRequest().getBodyAsString().contains("client_secret"));
    }
}
