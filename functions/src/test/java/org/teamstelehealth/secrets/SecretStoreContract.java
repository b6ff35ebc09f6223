package org.teamstelehealth.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SecretStore} does; {@link InMemorySecretStoreTest} and {@link SettingsSecretStoreTest}
 * run it. (The Key Vault adapter has no local Key Vault to run it on; {@link KeyVaultSecretStoreTest}
 * checks it against a WireMock vault.)
 */
abstract class SecretStoreContract {
    private static final String NAME = "contract-secret";

    private SecretStore store;

    /** A store without {@value #NAME}. */
    protected abstract SecretStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    @Test
    void theLatestVersionSetIsTheOneRead() {
        assertTrue(store.get(NAME).isEmpty());
        StoredSecret first = store.set(NAME, "value-1", null, Map.of());
        StoredSecret second = store.set(NAME, "value-2", Instant.parse("2027-03-01T12:00:00Z"), Map.of("rotation", "r1"));

        StoredSecret read = store.get(NAME).orElseThrow();
        assertNotEquals(first.version(), second.version());
        assertEquals(second.version(), read.version());
        assertEquals("value-2", read.value());
        assertEquals(Optional.of(Instant.parse("2027-03-01T12:00:00Z")), read.expiresOn());
    }

    @Test
    void disablingTheCurrentVersionHidesTheSecretButAnOlderOneChangesNothing() {
        StoredSecret old = store.set(NAME, "value-1", null, Map.of());
        StoredSecret current = store.set(NAME, "value-2", null, Map.of());

        store.disable(NAME, old.version());
        assertEquals(current.version(), store.get(NAME).orElseThrow().version());
        store.disable(NAME, current.version());
        assertTrue(store.get(NAME).isEmpty());
    }
}
