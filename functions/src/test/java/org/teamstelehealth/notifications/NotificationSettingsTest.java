package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.platform.SettingsException;
import org.teamstelehealth.testing.TestSettings;

class NotificationSettingsTest {

    @Test
    void defaultsToTheSeedsLocaleAndLeavesChannelsOffWhenNothingIsConfigured() {
        NotificationSettings settings = TestSettings.settings().notifications();
        assertEquals("en-AU", settings.locale().toLanguageTag());
        assertTrue(settings.smsFrom().isEmpty() && settings.emailSender().isEmpty());
        assertEquals(new DeliveryBackoff(java.time.Duration.ofDays(1), java.time.Duration.ofSeconds(60),
                java.time.Duration.ofMinutes(15)), settings.backoff(), "a message is retried for a day");
    }

    @Test
    void namesEachSettingThatCannotWork() {
        SettingsException local = assertThrows(SettingsException.class,
                () -> TestSettings.settings(Map.of("ACS_CONNECTION_STRING", "local")));
        assertTrue(local.getMessage().contains("local host"), local.getMessage());

        SettingsException missing = assertThrows(SettingsException.class,
                () -> TestSettings.settings(Map.of("ACS_SMS_FROM", "+61400000000", "ACS_EMAIL_SENDER", "no-at-sign")));
        assertTrue(missing.problems().stream().anyMatch(p -> p.startsWith("ACS_CONNECTION_STRING")), missing.getMessage());
        assertTrue(missing.problems().stream().anyMatch(p -> p.startsWith("ACS_EMAIL_SENDER")), missing.getMessage());
    }

    @Test
    void repliesAreOffByDefaultAndCannotBeTurnedOnForAOneWaySenderId() {
        assertEquals(false, TestSettings.settings().smsReplies().repliesEnabled());
        assertTrue(TestSettings.settings(Map.of("SMS_REPLIES_ENABLED", "true", "ACS_SMS_FROM", "+61400000000",
                "ACS_CONNECTION_STRING", "endpoint=https://x.communication.azure.com/;accesskey=a2V5"))
                .smsReplies().repliesEnabled());

        SettingsException oneWay = assertThrows(SettingsException.class, () -> TestSettings.settings(Map.of(
                "SMS_REPLIES_ENABLED", "true", "ACS_SMS_FROM", "CLINIC",
                "ACS_CONNECTION_STRING", "endpoint=https://x.communication.azure.com/;accesskey=a2V5")));
        assertTrue(oneWay.problems().stream().anyMatch(p -> p.startsWith("SMS_REPLIES_ENABLED=true needs ACS_SMS_FROM")),
                oneWay.getMessage());
        SettingsException shortKey = assertThrows(SettingsException.class,
                () -> TestSettings.settings(Map.of("PHONE_HASH_KEY", "c2hvcnQ=")));
        assertTrue(shortKey.problems().stream().anyMatch(p -> p.startsWith("PHONE_HASH_KEY")), shortKey.getMessage());
    }
}
