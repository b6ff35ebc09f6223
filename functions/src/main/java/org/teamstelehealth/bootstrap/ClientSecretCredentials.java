package org.teamstelehealth.bootstrap;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientSecretCredentialBuilder;
import org.teamstelehealth.platform.GraphSettings;

/**
 * The one way the app makes the app registration's client-credential {@link TokenCredential} for a client
 * secret: for Graph, for checking a newly rotated secret, and in tests.
 */
public final class ClientSecretCredentials {
    private final GraphSettings settings;
    private final HttpClient httpClient;

    /** @param httpClient the HTTP client to send through, or {@code null} for the SDK default */
    public ClientSecretCredentials(GraphSettings settings, HttpClient httpClient) {
        this.settings = settings;
        this.httpClient = httpClient;
    }

    public TokenCredential forSecret(String clientSecret) {
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                .tenantId(settings.tenantId())
                .clientId(settings.clientId())
                .clientSecret(clientSecret)
                .authorityHost(settings.authorityHost().toString());
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        if (GraphSettings.isLoopback(settings.authorityHost())) {
            // A loopback token stand-in is not a known cloud: do not ask login.microsoftonline.com about it.
            builder.disableInstanceDiscovery();
        }
        return builder.build();
    }

    /**
     * Gets a Graph token with the given secret, proving Entra accepts it.
     *
     * @throws RuntimeException what the identity library threw when Entra refused it
     */
    public void verify(String clientSecret) {
        forSecret(clientSecret).getTokenSync(new TokenRequestContext().addScopes(GraphClients.scope(settings.baseUrl())));
    }
}
