package org.teamstelehealth.bootstrap;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import java.net.URI;
import java.util.Set;

/** Builds the Key Vault secrets client; public so the Key Vault adapter's tests build it the way the app does. */
public final class KeyVaultClients {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private KeyVaultClients() {}

    /** @param httpClient the HTTP client to send through, or {@code null} for the SDK default */
    public static SecretClient secretClient(URI vaultUrl, TokenCredential credential, HttpClient httpClient) {
        SecretClientBuilder builder = new SecretClientBuilder()
                .vaultUrl(vaultUrl.toString())
                .credential(credential);
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        if (LOOPBACK.contains(vaultUrl.getHost())) {
            // A loopback stand-in cannot answer the challenge with a *.vault.azure.net resource.
            builder.disableChallengeResourceVerification();
        }
        return builder.buildClient();
    }
}
