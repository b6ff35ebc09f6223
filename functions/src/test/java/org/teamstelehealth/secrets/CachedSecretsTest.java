package org.teamstelehealth.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.testing.MutableClock;

class CachedSecretsTest {
    private final InMemorySecretStore store = new InMemorySecretStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
    private final CachedSecrets cache = new CachedSecrets(store, clock, Duration.ofMinutes(30));

    @Test
    void readsOnceThenAgainOnlyWhenTheTtlHasPassed() {
        store.set("s", "one", null, Map.of());
        assertEquals("one", cache.get("s").orElseThrow().value());
        store.set("s", "two", null, Map.of());

        clock.advance(Duration.ofMinutes(29));
        assertEquals("one", cache.get("s").orElseThrow().value());
        clock.advance(Duration.ofMinutes(1));
        assertEquals("two", cache.get("s").orElseThrow().value());
        assertEquals(2, store.reads);
    }

    @Test
    void onDemandRefreshesAreRateLimited() {
        store.set("s", "one", null, Map.of());
        cache.get("s");
        store.set("s", "two", null, Map.of());

        assertEquals("one", cache.refresh("s").orElseThrow().value(), "read moments ago");
        clock.advance(CachedSecrets.MIN_REFRESH_INTERVAL);
        assertEquals("two", cache.refresh("s").orElseThrow().value());
    }

    @Test
    void keepsTheHeldValueWhenTheStoreIsDownAndFailsOnlyWhenNothingIsHeld() {
        store.set("s", "one", null, Map.of());
        cache.get("s");
        clock.advance(Duration.ofMinutes(31));
        store.failNextGet(new SecretStoreException("Key Vault unreachable", null));

        assertEquals("one", cache.get("s").orElseThrow().value());

        store.failNextGet(new SecretStoreException("Key Vault unreachable", null));
        assertThrows(SecretStoreException.class, () -> cache.get("never-read"));
    }
}
