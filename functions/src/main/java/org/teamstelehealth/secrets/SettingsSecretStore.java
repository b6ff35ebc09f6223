package org.teamstelehealth.secrets;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The secret store when there is no Key Vault (local development): the settings hold the values
 * ({@code GRAPH_CLIENT_SECRET}, {@code WEBHOOK_SECRETS} and {@code PMS_EVENTS_SECRETS} = current then previous). Rotations change
 * them in memory only, until the process stops.
 */
public final class SettingsSecretStore implements SecretStore {
    private final Map<String, StoredSecret> secrets = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    public SettingsSecretStore(SecretSettings settings, List<String> webhookSecrets) {
        this(settings, webhookSecrets, List.of());
    }

    /** @param pmsEventSecrets {@code PMS_EVENTS_SECRETS}: the events' signing secrets, current then previous */
    public SettingsSecretStore(SecretSettings settings, List<String> webhookSecrets, List<String> pmsEventSecrets) {
        settings.localGraphClientSecret().ifPresent(value ->
                set(settings.graphClientSecretName(), value, null, Map.of()));
        setPair(SecretSettings.WEBHOOK_CURRENT, SecretSettings.WEBHOOK_PREVIOUS, webhookSecrets);
        setPair(SecretSettings.PMS_EVENTS_CURRENT, SecretSettings.PMS_EVENTS_PREVIOUS, pmsEventSecrets);
    }

    private void setPair(String current, String previous, List<String> values) {
        if (!values.isEmpty()) {
            set(current, values.get(0), null, Map.of());
        }
        if (values.size() > 1) {
            set(previous, values.get(1), null, Map.of());
        }
    }

    @Override
    public Optional<StoredSecret> get(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    @Override
    public StoredSecret set(String name, String value, Instant expiresOn, Map<String, String> tags) {
        StoredSecret secret = new StoredSecret(name, value, "settings-" + versions.incrementAndGet(),
                Optional.ofNullable(expiresOn), new HashMap<>(tags));
        secrets.put(name, secret);
        return secret;
    }

    @Override
    public void disable(String name, String version) {
        secrets.computeIfPresent(name, (n, secret) -> secret.version().equals(version) ? null : secret);
    }
}
