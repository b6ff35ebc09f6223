package org.teamstelehealth.secrets;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.teamstelehealth.platform.GraphSettings;
import org.teamstelehealth.platform.SettingsSource;

/**
 * Where the app's secrets live and how they are kept fresh, reminded about and rotated.
 *
 * @param keyVaultUrl the vault holding the secrets; empty locally, where the settings themselves
 *     hold the values ({@code GRAPH_CLIENT_SECRET}, {@code WEBHOOK_SECRETS})
 * @param managedIdentityClientId the user-assigned managed identity that reads the vault
 *     ({@code AZURE_CLIENT_ID}); empty for a system-assigned one
 * @param cacheTtl how long a secret read from the vault is used before it is read again
 * @param graphClientSecretName the vault secret holding the Entra app's client secret
 * @param localGraphClientSecret the client secret itself, only when there is no vault
 * @param graph the app registration and where it gets tokens (the same settings meetings use)
 * @param appObjectId the app registration's object id, when known (saves a Graph read)
 * @param adminEmails who gets the expiry reminders
 * @param graphSecretLifetime how long a newly rotated client secret is valid
 * @param graphSecretGrace how long the old client secret stays valid after a rotation
 * @param webhookOverlap how long the previous webhook secret is still accepted after a rotation
 * @param graphCredential {@code GRAPH_CREDENTIAL}: the client secret (default) or the managed identity
 */
public record SecretSettings(
        Optional<URI> keyVaultUrl,
        Optional<String> managedIdentityClientId,
        Duration cacheTtl,
        String graphClientSecretName,
        Optional<String> localGraphClientSecret,
        GraphSettings graph,
        Optional<String> appObjectId,
        List<String> adminEmails,
        Duration graphSecretLifetime,
        Duration graphSecretGrace,
        Duration webhookOverlap,
        GraphCredential graphCredential) {

    public static final String WEBHOOK_CURRENT = "webhook-secret-current";
    public static final String WEBHOOK_PREVIOUS = "webhook-secret-previous";
    /** The secret our events to the PMS are signed with, and the one before it while the PMS moves over. */
    public static final String PMS_EVENTS_CURRENT = "pms-events-secret-current";
    public static final String PMS_EVENTS_PREVIOUS = "pms-events-secret-previous";

    /** Whether a client secret exists to read, remind about and rotate. */
    public boolean usesClientSecret() {
        return graphCredential == GraphCredential.CLIENT_SECRET;
    }

    public String tenantId() {
        return graph.tenantId();
    }

    public String clientId() {
        return graph.clientId();
    }

    public URI authorityHost() {
        return graph.authorityHost();
    }

    /** Reads the secrets settings; {@code graph} is the Graph identity they share with meetings, already read. */
    public static SecretSettings from(SettingsSource source, GraphSettings graph) {
        Optional<URI> vault = Optional.ofNullable(source.uri("KEY_VAULT_URL", null));
        Optional<String> localSecret = source.optional("GRAPH_CLIENT_SECRET");
        GraphCredential credential = source.enumeration("GRAPH_CREDENTIAL", GraphCredential.CLIENT_SECRET);
        if (credential == GraphCredential.MANAGED_IDENTITY && localSecret.isPresent()) {
            source.problem("GRAPH_CLIENT_SECRET must not be set with GRAPH_CREDENTIAL=managed_identity: there is no client secret");
        } else if (credential == GraphCredential.MANAGED_IDENTITY) {
            // Nothing to check: the federated credential needs no secret, in the vault or here.
        } else if (vault.isEmpty() && localSecret.isEmpty()) {
            source.problem("GRAPH_CLIENT_SECRET is required when KEY_VAULT_URL is not set");
        }
        if (vault.isPresent() && localSecret.isPresent()) {
            source.problem("GRAPH_CLIENT_SECRET must not be set when KEY_VAULT_URL is: the vault holds it");
        }
        List<String> admins = source.list("ADMIN_EMAILS");
        for (String admin : admins) {
            if (!admin.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                source.problem("ADMIN_EMAILS must hold email addresses separated by commas");
                break;
            }
        }
        return new SecretSettings(
                vault,
                source.optional("AZURE_CLIENT_ID"),
                source.minutes("SECRET_CACHE_MINUTES", 30, 1, 24 * 60),
                source.string("GRAPH_CLIENT_SECRET_NAME", "graph-client-secret"),
                localSecret,
                graph,
                source.optional("APP_OBJECT_ID"),
                admins,
                Duration.ofDays(source.integer("GRAPH_SECRET_LIFETIME_DAYS", 730, 1, 730)),
                Duration.ofHours(source.integer("GRAPH_SECRET_GRACE_HOURS", 24, 0, 24 * 30)),
                Duration.ofHours(source.integer("WEBHOOK_SECRET_OVERLAP_HOURS", 72, 1, 24 * 30)),
                credential);
    }
}
