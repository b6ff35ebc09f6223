package org.teamstelehealth.secrets;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Port: where the app's secrets are kept (Key Vault on Azure, the settings locally). */
public interface SecretStore {

    /**
     * The secret's current version, or empty when it does not exist or has been disabled.
     *
     * @throws SecretStoreException when the store cannot be read
     */
    Optional<StoredSecret> get(String name);

    /**
     * Stores {@code value} as the secret's new current version.
     *
     * @param expiresOn when the value stops working, or {@code null} when it does not expire
     * @param tags non-secret facts kept beside the value (the Entra password's key id, the rotation id)
     */
    StoredSecret set(String name, String value, Instant expiresOn, Map<String, String> tags);

    /** Disables one version so {@link #get} no longer returns it (a retired webhook secret). */
    void disable(String name, String version);
}
