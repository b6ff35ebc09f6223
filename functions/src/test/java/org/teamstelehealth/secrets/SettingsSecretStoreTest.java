package org.teamstelehealth.secrets;

import java.util.List;
import java.util.Map;

class SettingsSecretStoreTest extends SecretStoreContract {
    @Override
    protected SecretStore newStore() {
        return new SettingsSecretStore(SecretsTestKit.settings(null, Map.of()), List.of());
    }
}
