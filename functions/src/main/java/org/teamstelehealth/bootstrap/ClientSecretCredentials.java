package org.teamstelehealth.bootstrap;

import org.teamstelehealth.secrets.SecretSettings;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientSecretCredentialBuilder;
import java.net.URI;
import java.util.Set;

/** Makes the app registration's client-credential {@link TokenCredential} for a given client secret. */
public final class ClientSecretCredentials {
    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1");

    private final String tenantId;
    private final String clientId;
    private final URI authorityHost;
    private final HttpClient httpClient;

    /** @param httpClient the HTTP client to send through, or {@code null} for the SDK default */
    public ClientSecretCredentials(String tenantId, String clientId, URI authorityHost, HttpClient httpClient) {
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.authorityHost = authorityHost;
        this.httpClient = httpClient;
    }

    public static ClientSecretCredentials from(SecretSettings settings, HttpClient httpClient) {
        return new ClientSecretCredentials(settings.tenantId(), settings.clientId(), settings.authorityHost(), httpClient);
    }

    public TokenCredential forSecret(String clientSecret) {
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                .tenantId(tenantId)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .authorityHost(authorityHost.toString());
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        if (LOOPBACK.contains(authorityHost.getHost())) {
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
        forSecret(clientSecret).getTokenSync(new TokenRequestContext().addScopes(GRAPH_SCOPE));
    }

    /** Entra's answer when the client secret is wrong ({@code invalid_client}, AADSTS7000215) or expired (AADSTS7000222). */
    public static boolean isRejectedSecret(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("invalid_client") || message.contains("AADSTS7000215")
                    || message.contains("AADSTS7000222")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
