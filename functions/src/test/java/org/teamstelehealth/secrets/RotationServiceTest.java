package org.teamstelehealth.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.TokenRequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.ClientSecretCredentials;
import org.teamstelehealth.bootstrap.GraphClients;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.testing.MutableClock;

/**
 * Rotation end to end through the real Graph SDK and identity library against a stateful
 * Entra/Graph stand-in, with the rotation log in memory: the happy path, and a retry after a
 * failure at each step, which must never leave a second new password behind.
 */
class RotationServiceTest {
    private static final String NAME = "graph-client-secret";
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

    private EntraStandIn entra;
    private final InMemorySecretStore store = new InMemorySecretStore();
    private final MutableClock clock = new MutableClock(NOW);
    private CachedSecrets cache;
    private RotatingClientSecretCredential credential;
    private RotationService rotation;
    private RotationLog log;
    private EntraStandIn.StoredPassword original;
    private final List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(String.valueOf(record.getMessage()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void setUp() {
        entra = new EntraStandIn();
        original = entra.addExisting("Created in the portal", "orig-secret-text-from-portal", NOW.plus(Duration.ofDays(20)));
        store.set(NAME, original.secretText(), original.endDateTime(), Map.of());
        SecretSettings settings = SecretsTestKit.settings(entra, Map.of());
        ClientSecretCredentials credentials = new ClientSecretCredentials(settings.graph(), new LoopbackHttpClient());
        cache = new CachedSecrets(store, clock, settings.cacheTtl());
        credential = new RotatingClientSecretCredential(cache, NAME, credentials::forSecret);
        AppRegistration registration = new GraphAppRegistration(
                GraphClients.create(credential, settings.graph().baseUrl()), settings.clientId());
        log = new InMemoryRotationLog();
        rotation = new RotationService(store, cache, registration, credentials::verify, log, settings);
        Logger.getLogger("org.teamstelehealth.secrets").addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger("org.teamstelehealth.secrets").removeHandler(capture);
        entra.close();
    }

    @Test
    void addsStoresVerifiesAndRemovesTheOldPasswordAfterTheGracePeriod() {
        Rotation done = rotation.rotate(NOW);

        assertEquals(Rotation.State.AWAITING_REMOVAL, done.state());
        assertEquals(original.keyId(), done.oldKeyId(), "old password identified by Entra's hint");
        assertEquals(2, entra.passwords().size());
        EntraStandIn.StoredPassword added = entra.passwords().get(1);
        assertEquals(added.keyId(), done.newKeyId());
        assertTrue(added.displayName().contains("2026-11-29"), added.displayName());
        assertEquals(NOW.plus(Duration.ofDays(730)), added.endDateTime());

        StoredSecret stored = store.get(NAME).orElseThrow();
        assertEquals(added.secretText(), stored.value());
        assertEquals(java.util.Optional.of(added.endDateTime()), stored.expiresOn());
        assertEquals(java.util.Optional.of(added.keyId().toString()), stored.tag(StoredSecret.KEY_ID_TAG));
        assertEquals(1, entra.requests("/token").stream()
                .filter(r -> r.getBodyAsString().contains("client_secret=" + added.secretText())).count(),
                "a token was obtained with the new password");
        String requested = entra.requests("/addPassword").get(0).getBodyAsString();
        assertTrue(requested.contains("\"endDateTime\":\"2028-11-28T09:00:00Z\""), "asks for 730 days: " + requested);

        assertEquals(List.of(), rotation.removeDueOldPasswords(NOW.plus(Duration.ofHours(23))));
        assertEquals(2, entra.passwords().size(), "old password kept during the grace period");

        List<Rotation> removed = rotation.removeDueOldPasswords(NOW.plus(Duration.ofHours(24)));

        assertEquals(1, removed.size());
        assertEquals(List.of(added.keyId()), entra.passwords().stream().map(EntraStandIn.StoredPassword::keyId).toList());
        assertEquals(List.of(), rotation.removeDueOldPasswords(NOW.plus(Duration.ofHours(48))), "removed once");
        assertEquals(1, entra.requests("/removePassword").size());
        // The Graph credential now gets tokens with the new secret (the old one is gone from Entra).
        clock.advance(Duration.ofHours(25));
        credential.getTokenSync(new TokenRequestContext().addScopes(GraphClients.SCOPE));
        assertNoSecretLogged(original.secretText(), added.secretText());
    }

    @Test
    void aSecondRotationReplacesTheFirstOnesPasswordByItsTaggedKeyId() {
        Rotation first = rotation.rotate(NOW);
        rotation.removeDueOldPasswords(NOW.plus(Duration.ofDays(1)));

        Rotation second = rotation.rotate(NOW.plus(Duration.ofDays(600)));

        assertNotEquals(first.id(), second.id());
        assertEquals(first.newKeyId(), second.oldKeyId());
        assertEquals(2, entra.passwords().size());
    }

    @Test
    void retryAfterAddPasswordFailedAddsOnePassword() {
        entra.failNext("addPassword", 500);

        RotationException failure = assertThrows(RotationException.class, () -> rotation.rotate(NOW));
        assertTrue(failure.getMessage().contains("500"), failure.getMessage());
        Rotation done = rotation.rotate(NOW.plus(Duration.ofMinutes(2)));

        assertEquals(failure.rotationId(), done.id(), "the retry resumed the same rotation");
        assertOneNewPasswordStored(done);
    }

    @Test
    void aThrottledGraphFailsTheStepAtOnceInsteadOfSleepingInTheRequest() {
        entra.failNext("addPassword", 503);

        long started = System.nanoTime();
        RotationException failure = assertThrows(RotationException.class, () -> rotation.rotate(NOW));

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 3, "no SDK retry sleeps");
        assertTrue(failure.getMessage().contains("503"), failure.getMessage());
        assertEquals(1, entra.requests("/addPassword").size(), "asked once, not retried");
        assertOneNewPasswordStored(rotation.rotate(NOW.plusSeconds(60)));
    }

    @Test
    void retryAfterAddPasswordsAnswerWasLostRemovesThatPasswordAndAddsOne() {
        entra.loseNextAnswer("addPassword", 500);

        assertThrows(RotationException.class, () -> rotation.rotate(NOW));
        assertEquals(2, entra.passwords().size(), "Graph added a password whose text we never saw");
        Rotation done = rotation.rotate(NOW.plus(Duration.ofMinutes(2)));

        assertOneNewPasswordStored(done);
    }

    @Test
    void retryAfterTheStoreRefusedTheNewSecretAddsOnePassword() {
        store.failNextSet(new SecretStoreException("Could not store a new version of secret " + NAME
                + " in Key Vault (HTTP 403)", null));

        RotationException failure = assertThrows(RotationException.class, () -> rotation.rotate(NOW));
        assertTrue(failure.getMessage().contains("HTTP 403"), failure.getMessage());
        assertEquals(original.secretText(), store.get(NAME).orElseThrow().value(), "the old secret is still in use");
        Rotation done = rotation.rotate(NOW.plus(Duration.ofMinutes(2)));

        assertOneNewPasswordStored(done);
    }

    @Test
    void retryAfterTheTokenCheckFailedChecksAgainWithoutAddingAPassword() {
        entra.refuseNextTokenForANewPassword();

        RotationException failure = assertThrows(RotationException.class, () -> rotation.rotate(NOW));
        assertTrue(failure.step().contains("token"), failure.step());
        Rotation done = rotation.rotate(NOW.plus(Duration.ofMinutes(2)));

        assertEquals(1, entra.requests("/addPassword").size());
        assertOneNewPasswordStored(done);
    }

    @Test
    void retryAfterRemovingTheOldPasswordFailedRemovesItLater() {
        rotation.rotate(NOW);
        entra.failNext("removePassword", 500);

        assertThrows(RuntimeException.class, () -> rotation.removeDueOldPasswords(NOW.plus(Duration.ofDays(1))));
        assertEquals(2, entra.passwords().size());
        rotation.removeDueOldPasswords(NOW.plus(Duration.ofDays(2)));

        assertEquals(1, entra.passwords().size());
        assertFalse(entra.passwords().stream().anyMatch(p -> p.keyId().equals(original.keyId())));
    }

    @Test
    void withoutPermissionToReadItselfTheRotationSaysWhichPermissionIsMissing() {
        entra.forbidReads();

        RotationException failure = assertThrows(RotationException.class, () -> rotation.rotate(NOW));

        assertTrue(failure.getMessage().contains("Application.ReadWrite.OwnedBy"), failure.getMessage());
        assertEquals(1, entra.passwords().size());
    }

    @Test
    void aSecondRequestWhileTheFirstIsRunningIsTurnedAwayThenResumesTheSameRotation() {
        entra.failNext("addPassword", 500);
        String id = assertThrows(RotationException.class, () -> rotation.rotate(NOW)).rotationId();
        // Another request is running the rotation's steps now (it holds the lease).
        assertEquals(id, log.claim(NAME, "other", NOW.plusSeconds(60), NOW.plusSeconds(60).plus(RotationService.LEASE)));

        RotationInProgressException busy = assertThrows(RotationInProgressException.class,
                () -> rotation.rotate(NOW.plusSeconds(90)));

        assertEquals(id, busy.rotationId());
        assertEquals(1, entra.passwords().size(), "nothing added while busy");
        Rotation done = rotation.rotate(NOW.plusSeconds(60).plus(RotationService.LEASE));
        assertEquals(id, done.id(), "a lease left by a crashed attempt expires and the rotation resumes");
        assertOneNewPasswordStored(done);
    }

    @Test
    void aRepeatOfARotationThatFinishedButWasNotReleasedAddsNothing() {
        Rotation done = rotation.rotate(NOW);
        log.claim(NAME, done.id(), NOW, NOW);  // as if the release had failed

        Rotation repeated = rotation.rotate(NOW.plusSeconds(60));

        assertEquals(done.id(), repeated.id());
        assertEquals(2, entra.passwords().size());
        Rotation next = rotation.rotate(NOW.plusSeconds(120));
        assertNotEquals(done.id(), next.id(), "released now: the next request is a new rotation");
    }

    private void assertOneNewPasswordStored(Rotation done) {
        assertEquals(Rotation.State.AWAITING_REMOVAL, done.state());
        List<EntraStandIn.StoredPassword> passwords = entra.passwords();
        assertEquals(2, passwords.size(), "the original and exactly one new password");
        EntraStandIn.StoredPassword added = passwords.get(1);
        assertEquals(original.keyId(), passwords.get(0).keyId());
        assertEquals(added.secretText(), store.get(NAME).orElseThrow().value(), "the new password is the stored one");
        assertEquals(added.keyId(), done.newKeyId());
        assertEquals(original.keyId(), done.oldKeyId());
        assertNoSecretLogged(original.secretText(), added.secretText());
    }

    private void assertNoSecretLogged(String... secrets) {
        for (String line : logged) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a log line shows a secret: " + line);
            }
        }
        assertFalse(logged.isEmpty(), "the rotation logs its steps");
    }

}
