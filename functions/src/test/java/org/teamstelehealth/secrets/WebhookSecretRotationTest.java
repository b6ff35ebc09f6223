package org.teamstelehealth.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.testing.MutableClock;

/** Webhook secret rotation: both secrets accepted during the overlap, then only the new one. */
class WebhookSecretRotationTest {
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
    private static final String OLD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final InMemorySecretStore store = new InMemorySecretStore();
    private final MutableClock clock = new MutableClock(NOW);
    private final CachedSecrets cache = new CachedSecrets(store, clock, Duration.ofMinutes(30));
    private final WebhookSecrets accepted = new CachedWebhookSecrets(cache, clock);
    private final WebhookSecretRotation rotation = new WebhookSecretRotation(store, cache, Duration.ofHours(72));

    @Test
    void bothSecretsAreAcceptedDuringTheOverlapThenOnlyTheNewOne() {
        store.set(SecretSettings.WEBHOOK_CURRENT, OLD, null, Map.of());
        assertEquals(List.of(OLD), accepted.accepted());

        WebhookSecretRotation.Rotated rotated = rotation.rotate(NOW, false);

        assertTrue(rotated.newSecret().startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(rotated.newSecret().substring(6)).length);
        assertEquals(NOW.plus(Duration.ofHours(72)), rotated.previousAcceptedUntil());
        assertFalse(rotated.toString().contains(rotated.newSecret()));
        assertEquals(List.of(rotated.newSecret(), OLD), accepted.accepted(), "at once, without waiting for the cache");

        clock.set(NOW.plus(Duration.ofHours(71)));
        assertEquals(List.of(rotated.newSecret(), OLD), accepted.accepted());

        clock.set(NOW.plus(Duration.ofHours(72)));
        assertEquals(List.of(rotated.newSecret()), accepted.accepted(), "the overlap has ended");

        assertFalse(rotation.retireExpiredPrevious(NOW.plus(Duration.ofHours(71))), "not before the overlap ends");
        assertTrue(rotation.retireExpiredPrevious(NOW.plus(Duration.ofHours(75))));
        assertEquals(java.util.Optional.empty(), store.get(SecretSettings.WEBHOOK_PREVIOUS), "retired in the store");
        assertFalse(rotation.retireExpiredPrevious(NOW.plus(Duration.ofHours(99))), "retired once");
    }

    @Test
    void anotherInstanceSeesTheNewSecretOnRefreshBeforeItsCacheExpires() {
        store.set(SecretSettings.WEBHOOK_CURRENT, OLD, null, Map.of());
        CachedSecrets otherCache = new CachedSecrets(store, clock, Duration.ofMinutes(30));
        WebhookSecrets otherInstance = new CachedWebhookSecrets(otherCache, clock);
        assertEquals(List.of(OLD), otherInstance.accepted());

        String secret = rotation.rotate(NOW, false).newSecret();
        clock.advance(Duration.ofMinutes(1));

        assertEquals(List.of(OLD), otherInstance.accepted(), "still cached");
        assertEquals(List.of(secret, OLD), otherInstance.acceptedAfterRefresh());
    }

    @Test
    void aSecondRotationWhileTheOverlapIsOpenIsRefusedSoThePmsIsNotLockedOut() {
        store.set(SecretSettings.WEBHOOK_CURRENT, OLD, null, Map.of());
        String first = rotation.rotate(NOW, false).newSecret();

        OverlapOpenException open = assertThrows(OverlapOpenException.class,
                () -> rotation.rotate(NOW.plusSeconds(60), false));

        assertEquals(NOW.plus(Duration.ofHours(72)), open.previousAcceptedUntil());
        assertEquals(List.of(first, OLD), accepted.accepted(), "the secret the PMS may still use is still accepted");
    }

    @Test
    void endingTheOverlapEarlyDropsThePreviousSecretFirstAndKeepsTheLatestTwo() {
        store.set(SecretSettings.WEBHOOK_CURRENT, OLD, null, Map.of());
        String first = rotation.rotate(NOW, false).newSecret();
        String second = rotation.rotate(NOW.plusSeconds(60), true).newSecret();

        assertNotEquals(first, second);
        assertEquals(List.of(second, first), accepted.accepted());
    }

    @Test
    void onceTheOverlapHasEndedAnotherRotationNeedsNoFlag() {
        store.set(SecretSettings.WEBHOOK_CURRENT, OLD, null, Map.of());
        String first = rotation.rotate(NOW, false).newSecret();
        String second = rotation.rotate(NOW.plus(Duration.ofHours(72)), false).newSecret();

        assertEquals(List.of(second, first), accepted.accepted());
    }

    @Test
    void whenStoringTheNewSecretFailsTheOldOneIsStillAccepted() {
        store.set(SecretSettings.WEBHOOK_CURRENT, OLD, null, Map.of());
        store.failNextSetOf(SecretSettings.WEBHOOK_CURRENT, new SecretStoreException("Could not store a new version"
                + " of secret " + SecretSettings.WEBHOOK_CURRENT + " in Key Vault (HTTP 503)", null));

        assertThrows(SecretStoreException.class, () -> rotation.rotate(NOW, false));

        assertEquals(List.of(OLD), accepted.accepted(), "the current secret is unchanged");
        String secret = rotation.rotate(NOW.plusSeconds(60), false).newSecret();
        assertEquals(List.of(secret, OLD), accepted.accepted(), "a repeated request completes the rotation");
    }
}
