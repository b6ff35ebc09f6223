package org.teamstelehealth.bootstrap;

import org.teamstelehealth.secrets.AppRegistration;
import org.teamstelehealth.secrets.CachedSecrets;
import org.teamstelehealth.secrets.CachedWebhookSecrets;
import org.teamstelehealth.secrets.GraphAppRegistration;
import org.teamstelehealth.secrets.KeyVaultSecretStore;
import org.teamstelehealth.secrets.ReminderService;
import org.teamstelehealth.secrets.RotatingClientSecretCredential;
import org.teamstelehealth.secrets.RotationService;
import org.teamstelehealth.secrets.SecretMaintenance;
import org.teamstelehealth.secrets.SecretSettings;
import org.teamstelehealth.secrets.SecretStore;
import org.teamstelehealth.secrets.SettingsSecretStore;
import org.teamstelehealth.secrets.TableReminderLog;
import org.teamstelehealth.secrets.TableRotationLog;
import org.teamstelehealth.secrets.WebhookSecretRotation;
import org.teamstelehealth.secrets.WebhookSecrets;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.teamstelehealth.notifications.EmailSender;

/**
 * The secrets feature's long-lived parts, built once by {@code Application}: the store, its cache,
 * the rotating Graph credential and the webhook secrets intake reads. Services are made per use
 * (they are cheap; their tables are created on first use).
 */
public final class Secrets {
    private final SecretSettings settings;
    private final StorageClients storage;
    private final SecretStore store;
    private final CachedSecrets cache;
    private final ClientSecretCredentials credentials;
    private final RotatingClientSecretCredential graphCredential;
    private final WebhookSecrets webhookSecrets;
    private final Supplier<GraphServiceClient> graph;

    /**
     * @param localWebhookSecrets {@code WEBHOOK_SECRETS} (current, then previous), used only when
     *     there is no Key Vault
     * @param httpClient the HTTP client Azure SDK clients send through, or {@code null} for the default
     * @param graph the app's Graph client (built from {@link #graphCredential()}), for the app registration
     */
    public Secrets(SecretSettings settings, List<String> localWebhookSecrets, Clock clock, StorageClients storage,
                   HttpClient httpClient, Supplier<GraphServiceClient> graph) {
        this.settings = settings;
        this.graph = graph;
        this.storage = storage;
        this.store = settings.keyVaultUrl()
                .<SecretStore>map(vault -> KeyVaultSecretStore.create(vault, vaultCredential(settings, httpClient), httpClient))
                .orElseGet(() -> new SettingsSecretStore(settings, localWebhookSecrets));
        this.cache = new CachedSecrets(store, clock, settings.cacheTtl());
        this.credentials = ClientSecretCredentials.from(settings, httpClient);
        this.graphCredential = new RotatingClientSecretCredential(cache, settings.graphClientSecretName(),
                credentials::forSecret);
        this.webhookSecrets = new CachedWebhookSecrets(cache, clock);
    }

    /** The app registration's credential for Graph, always with the current client secret. */
    public TokenCredential graphCredential() {
        return graphCredential;
    }

    /** The webhook signing secrets accepted now; intake reads it per request. */
    public WebhookSecrets webhookSecrets() {
        return webhookSecrets;
    }

    public RotationService rotation() {
        return new RotationService(store, cache, appRegistration(), credentials::verify,
                new TableRotationLog(() -> storage.table(TableRotationLog.TABLE)), settings);
    }

    public WebhookSecretRotation webhookRotation() {
        return new WebhookSecretRotation(store, cache, settings.webhookOverlap());
    }

    public SecretMaintenance maintenance(EmailSender email) {
        ReminderService reminders = new ReminderService(store, appRegistration(), email,
                new TableReminderLog(() -> storage.table(TableReminderLog.TABLE)), settings);
        return new SecretMaintenance(reminders, rotation(), webhookRotation());
    }

    private AppRegistration appRegistration() {
        return new GraphAppRegistration(graph.get(), settings.clientId());
    }

    private static TokenCredential vaultCredential(SecretSettings settings, HttpClient httpClient) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        settings.managedIdentityClientId().ifPresent(builder::managedIdentityClientId);
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        return builder.build();
    }
}
