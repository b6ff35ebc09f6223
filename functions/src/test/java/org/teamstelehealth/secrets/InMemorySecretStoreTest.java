package org.teamstelehealth.secrets;

class InMemorySecretStoreTest extends SecretStoreContract {
    @Override
    protected SecretStore newStore() {
        return new InMemorySecretStore();
    }
}
