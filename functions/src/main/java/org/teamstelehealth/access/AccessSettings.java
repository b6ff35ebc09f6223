package org.teamstelehealth.access;

import java.net.URI;
import java.util.List;
import org.teamstelehealth.platform.GraphSettings;
import org.teamstelehealth.platform.SettingsSource;

/**
 * Who may call the admin ({@code manage/...}) routes.
 *
 * @param mode {@code ADMIN_AUTH}: {@link Mode#ENTRA} (the default) or {@link Mode#FUNCTION_KEY}
 * @param tenantId the Entra tenant whose tokens are accepted ({@code ADMIN_TENANT_ID}, default {@code GRAPH_TENANT_ID})
 * @param audiences accepted {@code aud} values ({@code ADMIN_AUDIENCE}, comma separated; default
 *     {@code api://<GRAPH_CLIENT_ID>} and {@code <GRAPH_CLIENT_ID>}: v1.0 tokens carry the resource as
 *     requested, v2.0 tokens always the client id)
 * @param signingKeysUrl the tenant's JWKS ({@code ADMIN_SIGNING_KEYS_URL}, default
 *     {@code https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys})
 */
public record AccessSettings(Mode mode, String tenantId, List<String> audiences, URI signingKeysUrl) {

    /** How an admin caller proves who they are. */
    public enum Mode {
        /** An Entra access token for this app with a Telehealth app role, besides the function key. */
        ENTRA,
        /** The function key alone, every holder an admin: only for the local host and its stand-ins. */
        FUNCTION_KEY
    }

    public AccessSettings {
        audiences = List.copyOf(audiences);
    }

    public static AccessSettings from(SettingsSource source, GraphSettings graph) {
        String tenant = source.string("ADMIN_TENANT_ID", graph.tenantId());
        List<String> audiences = source.list("ADMIN_AUDIENCE");
        return new AccessSettings(
                source.enumeration("ADMIN_AUTH", Mode.ENTRA),
                tenant,
                audiences.isEmpty() ? List.of("api://" + graph.clientId(), graph.clientId()) : audiences,
                source.uri("ADMIN_SIGNING_KEYS_URL",
                        GraphSettings.DEFAULT_AUTHORITY + "/" + tenant + "/discovery/v2.0/keys"));
    }

    /** The issuers Entra writes into this tenant's v1.0 and v2.0 access tokens, by {@code ver} claim. */
    String issuer(String version) {
        return "2.0".equals(version)
                ? "https://login.microsoftonline.com/" + tenantId + "/v2.0"
                : "https://sts.windows.net/" + tenantId + "/";
    }
}
