package org.teamstelehealth.bootstrap;

import com.azure.core.credential.TokenCredential;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import org.teamstelehealth.meetings.CachingTokenCredential;
import org.teamstelehealth.platform.GraphSettings;

/**
 * Builds the app's Graph client (client credentials), used for meetings and for the app registration
 * ({@code applications/{id}/addPassword}).
 */
public final class GraphClients {
    /** The global cloud's scope, and a loopback stand-in's. */
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
                new AzureIdentityAuthenticationProvider(new CachingTokenCredential(credential), allowedHosts,
                        scope(baseUrl)));
        client.getRequestAdapter().setBaseUrl(baseUrl.toString().replaceAll("/+$", ""));
        return client;
    }

    /**
     * The token scope for the cloud {@code baseUrl} is in ({@code https://graph.microsoft.us/.default} for US
     * Government L4, and so on): Graph refuses a token issued for another cloud's Graph.
     */
    public static String scope(URI baseUrl) {
        String host = baseUrl.getHost() == null ? "" : baseUrl.getHost().toLowerCase(Locale.ROOT);
        return Arrays.asList(GRAPH_HOSTS).contains(host) ? "https://" + host + "/.default" : SCOPE;
    }
}
