package org.teamstelehealth.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.ClientSecretCredentials;
import org.teamstelehealth.bootstrap.GraphClients;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.MutableClock;

/** The daily timer: reminder, due old-password removal and webhook-secret retirement in one run. */
class ReminderFunctionTest {
    private static final Instant NOW = Instant.parse("2026-11-29T21:00:00Z");

    private EntraStandIn entra;
    private final InMemorySecretStore store = new InMemorySecretStore();
    private final MutableClock clock = new MutableClock(NOW);
    private final ReminderServiceTest.RecordingEmailSender email = new ReminderServiceTest.RecordingEmailSender();
    private RotationService rotation;
    private ReminderFunction function;

    @BeforeEach
    void setUp() {
        entra = new EntraStandIn();
        EntraStandIn.StoredPassword original = entra.addExisting("portal", "timer-test-secret", NOW.plus(Duration.ofDays(10)));
        store.set("graph-client-secret", original.secretText(), original.endDateTime(), Map.of());
        SecretSettings settings = SecretsTestKit.settings(entra, Map.of());
        CachedSecrets cache = new CachedSecrets(store, clock, settings.cacheTtl());
        ClientSecretCredentials credentials = new ClientSecretCredentials(settings.graph(), new LoopbackHttpClient());
        AppRegistration registration = new GraphAppRegistration(GraphClients.create(
                new RotatingClientSecretCredential(cache, "graph-client-secret", credentials::forSecret),
                settings.graph().baseUrl()), settings.clientId());
        rotation = new RotationService(store, cache, registration, credentials::verify,
                new InMemoryRotationLog(), settings);
        WebhookSecretRotation webhook = new WebhookSecretRotation(store, cache, settings.webhookOverlap());
        ReminderService reminders = new ReminderService(store, registration, email,
                new InMemoryReminderLog(), settings);
        function = new ReminderFunction(new SecretMaintenance(reminders, rotation, webhook), clock);
        store.set(SecretSettings.WEBHOOK_CURRENT, "whsec_b2xk", null, Map.of());
        webhook.rotate(NOW.minus(Duration.ofDays(4)), false);
    }

    @AfterEach
    void tearDown() {
        entra.close();
    }

    @Test
    void oneRunRemindsRemovesAndRetires() {
        function.run("{}", FakeExecutionContext.of("secretMaintenance"));

        assertEquals(1, email.sent.size(), "10 days before expiry: the 14-day reminder");
        assertTrue(email.sent.get(0).subject().contains("expires in 10 day(s)"), email.sent.get(0).subject());
        assertEquals(Optional.empty(), store.get(SecretSettings.WEBHOOK_PREVIOUS), "overlap ended a day ago");

        rotation.rotate(NOW);
        assertEquals(2, entra.passwords().size());
        clock.set(NOW.plus(Duration.ofDays(1)));
        function.run("{}", FakeExecutionContext.of("secretMaintenance"));

        assertEquals(1, entra.passwords().size(), "old password removed after the grace period");
        assertEquals(1, email.sent.size(), "the rotated secret expires in two years: no reminder");
    }

    @Test
    void aFailedEmailDoesNotStopTheOtherTasksButFailsTheRun() {
        email.failNext = true;

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> function.run("{}", FakeExecutionContext.of("secretMaintenance")));

        assertTrue(failure.getMessage().contains("expiry reminder"), failure.getMessage());
        assertEquals(Optional.empty(), store.get(SecretSettings.WEBHOOK_PREVIOUS), "retired anyway");
        function.run("{}", FakeExecutionContext.of("secretMaintenance"));
        assertEquals(List.of(email.attempts.get(0).operationId()),
                email.sent.stream().map(e -> e.operationId()).toList(), "sent on the next run");
    }
}
