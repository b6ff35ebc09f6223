package org.teamstelehealth.bootstrap;

import org.teamstelehealth.meetings.CachingTokenCredential;
import org.teamstelehealth.platform.GraphSettings;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import java.net.URI;

/**
 * Builds the app's Graph client (client credentials) once, for meetings here and for the secrets side
 * ({@code applications/{id}/addPassword}), which may hand in a secret it just read from Key Vault.
 */
public final class GraphClients {
    private static final String SCOPE = "https://graph.microsoft.com/.default";
    private static final String[] GRAPH_HOSTS = {"graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us",
            "microsoftgraph.chinacloudapi.cn"};
    private static final String[] LOOPBACK_HOSTS = {"localhost", "127.0.0.1"};

    private GraphClients() {}

    /**
     * A Graph client authenticating with {@code clientSecret}.
     *
     * @param azureHttpClient what the token credential sends through ({@code null} for the SDK default); the local
     *     host and tests pass one that reaches their plain-http stand-ins
     */
    public static GraphServiceClient create(GraphSettings settings, String clientSecret, HttpClient azureHttpClient) {
        return create(credential(settings, clientSecret, azureHttpClient), settings.baseUrl());
    }

    /**
     * The one way the app builds a Graph client: tokens from {@code credential} (on Azure the secrets
     * feature's, which always uses the current client secret), requests to {@code baseUrl}.
     */
    public static GraphServiceClient create(TokenCredential credential, URI baseUrl) {
        String[] allowedHosts = GraphSettings.isLoopback(baseUrl) ? LOOPBACK_HOSTS : GRAPH_HOSTS;
        GraphServiceClient client = new GraphServiceClient(
                new AzureIdentityAuthenticationProvider(new CachingTokenCredential(credential), allowedHosts, SCOPE));
        client.getRequestAdapter().setBaseUrl(baseUrl.toString().replaceAll("/+$", ""));
        return client;
    }

    public static TokenCredential credential(GraphSettings settings, String clientSecret, HttpClient azureHttpClient) {
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                .tenantId(settings.tenantId())
                .clientId(settings.clientId())
                .clientSecret(clientSecret)
                .authorityHost(settings.authorityHost().toString());
        if (azureHttpClient != null) {
            builder.httpClient(azureHttpClient);
        }
        if (GraphSettings.isLoopback(settings.authorityHost())) {
            // A stand-in authority is not one Entra knows; discovery would go to login.microsoftonline.com.
            builder.disableInstanceDiscovery();
        }
        return builder.build();
    }
}
