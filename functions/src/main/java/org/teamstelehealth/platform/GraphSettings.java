package org.teamstelehealth.platform;

import java.net.URI;

/**
 * How the app reaches Microsoft Graph as itself (client credentials). The client secret is not here:
 * the secrets feature holds it (Key Vault or {@code GRAPH_CLIENT_SECRET}) and hands out the credential.
 *
 * @param tenantId the Entra tenant ({@code GRAPH_TENANT_ID}); {@code local} makes the local host start its Graph stand-in
 * @param clientId the app registration's client id
 * @param authorityHost where tokens come from, {@code https://login.microsoftonline.com} by default
 * @param baseUrl Graph's base URL, {@code https://graph.microsoft.com/v1.0} by default
 */
public record GraphSettings(String tenantId, String clientId, URI authorityHost, URI baseUrl) {

    public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";
    public static final String DEFAULT_BASE_URL = "https://graph.microsoft.com/v1.0";

    public static GraphSettings from(SettingsSource source) {
        return new GraphSettings(
                source.required("GRAPH_TENANT_ID"),
                source.required("GRAPH_CLIENT_ID"),
                source.uri("GRAPH_AUTHORITY_HOST", DEFAULT_AUTHORITY),
                source.uri("GRAPH_BASE_URL", DEFAULT_BASE_URL));
    }

    /** True when {@code uri} is a stand-in on this machine (tests, local host), not Graph or Entra. */
    public static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return "localhost".equals(host) || "127.0.0.1".equals(host);
    }
}
