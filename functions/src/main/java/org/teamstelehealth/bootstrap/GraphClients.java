package org.teamstelehealth.bootstrap;

import com.azure.core.credential.TokenCredential;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import java.net.URI;
import org.teamstelehealth.meetings.CachingTokenCredential;
import org.teamstelehealth.platform.GraphSettings;

/**
 * Builds the app's Graph client (client credentials), used for meetings and for the app registration
 * ({@code applications/{id}/addPassword}).
 */
public final class GraphClients {
    public static final String SCOPE = "https://graph.microsoft.com/.default";
    private static final String[] GRAPH_HOSTS = {"graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us",
            "microsoftgraph.chinacloudapi.cn"};
    private static final String[] LOOPBACK_HOSTS = {"localhost", "127.0.0.1"};

    private GraphClients() {}

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
}
