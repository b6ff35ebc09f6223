package org.teamstelehealth.secrets;

import com.azure.core.credential.TokenCredential;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import java.net.URI;

/**
 * The Graph client the secrets feature uses. Interim: once the meetings feature's Graph client
 * factory is merged, {@code Application} hands that client in instead (same credential, same base URL).
 */
public final class SecretsGraphClient {
    private SecretsGraphClient() {}

    /** @param baseUrl Graph's base URL with the version, or a loopback stand-in's */
    public static GraphServiceClient create(TokenCredential credential, URI baseUrl) {
        // The default provider only sends tokens to Graph's own hosts; a stand-in's host must be allowed by name.
        AzureIdentityAuthenticationProvider authentication = new AzureIdentityAuthenticationProvider(
                credential, new String[] {baseUrl.getHost()}, ClientSecretCredentials.GRAPH_SCOPE);
        GraphServiceClient client = new GraphServiceClient(authentication);
        client.getRequestAdapter().setBaseUrl(baseUrl.toString().replaceAll("/+$", ""));
        return client;
    }
}
