package org.teamstelehealth.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The events' signing secrets are a pair of their own, read and expired as the webhook secrets are. */
class PmsEventSecretsTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static WebhookSecrets pmsSecrets(SecretStore store) {
        return new CachedWebhookSecrets(new CachedSecrets(store, CLOCK, Duration.ofMinutes(30)), CLOCK,
                SecretSettings.PMS_EVENTS_CURRENT, SecretSettings.PMS_EVENTS_PREVIOUS);
    }

    @Test
    void settingsHoldTheEventsPairApartFromTheWebhookSecrets() {
        SecretStore store = new SettingsSecretStore(SecretsTestKit.settings(null, Map.of()), List.of("whsec_aW5ib3VuZA=="),
                List.of("whsec_bmV3", "whsec_b2xk"));

        assertEquals(List.of("whsec_bmV3", "whsec_b2xk"), pmsSecrets(store).accepted());
        assertEquals(List.of("whsec_aW5ib3VuZA=="), new CachedWebhookSecrets(
                new CachedSecrets(store, CLOCK, Duration.ofMinutes(30)), CLOCK).accepted());
    }

    @Test
    void thePreviousSecretSignsOnlyUntilItExpires() {
        SecretStore store = new SettingsSecretStore(SecretsTestKit.settings(null, Map.of()), List.of("whsec_aW5ib3VuZA=="));
        store.set(SecretSettings.PMS_EVENTS_CURRENT, "whsec_bmV3", null, Map.of());
        store.set(SecretSettings.PMS_EVENTS_PREVIOUS, "whsec_b2xk", NOW.minusSeconds(1), Map.of());

        assertEquals(List.of("whsec_bmV3"), pmsSecrets(store).accepted());
    }
}
