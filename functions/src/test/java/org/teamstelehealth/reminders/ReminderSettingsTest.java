package org.teamstelehealth.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.platform.SettingsException;
import org.teamstelehealth.platform.SettingsSource;

class ReminderSettingsTest {

    @Test
    void theDefaultsAre24HoursBySmsAndEmailAnd15MinutesBySmsOutsideNineToEight() {
        ReminderSettings settings = ReminderSettings.from(new SettingsSource(Map.of()));

        assertTrue(settings.enabled());
        assertEquals(List.of(
                new ReminderOffset("24h", Duration.ofHours(24), Set.of(ReminderChannel.SMS, ReminderChannel.EMAIL)),
                new ReminderOffset("15m", Duration.ofMinutes(15), Set.of(ReminderChannel.SMS))), settings.offsets());
        assertEquals(Optional.of(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))), settings.smsQuietHours());
        assertEquals(Duration.ofHours(24), settings.catchUp());
        assertEquals(Duration.ofMinutes(2), settings.grace());
    }

    @Test
    void offsetsTakeSecondsMinutesHoursAndDaysAndEitherChannel() {
        ReminderSettings settings = ReminderSettings.from(new SettingsSource(Map.of(
                "REMINDER_OFFSETS", " 2d:email , 1m:SMS,30s:email+sms", "REMINDER_SMS_QUIET_HOURS", "off")));

        assertEquals(List.of("2d", "1m", "30s"), settings.offsets().stream().map(ReminderOffset::label).toList());
        assertEquals(Duration.ofSeconds(30), settings.offsets().get(2).before());
        assertEquals(Optional.empty(), settings.smsQuietHours());
    }

    @Test
    void malformedValuesAreNamedAtStartUp() {
        SettingsSource source = new SettingsSource(Map.of("REMINDER_OFFSETS", "24h:fax,15m:sms,15m:email",
                "REMINDER_SMS_QUIET_HOURS", "9pm-8am", "REMINDER_CATCH_UP_HOURS", "0"));
        ReminderSettings.from(source);

        SettingsException e = assertThrows(SettingsException.class, source::check);
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("REMINDER_OFFSETS has 24h:fax"), e.problems().toString());
        assertTrue(e.problems().get(1).startsWith("REMINDER_SMS_QUIET_HOURS must be HH:mm-HH:mm"), e.problems().toString());
        assertTrue(e.problems().get(2).startsWith("REMINDER_CATCH_UP_HOURS must be between 1"), e.problems().toString());
        assertThrows(IllegalArgumentException.class, () -> ReminderOffset.parseList("15m:sms,15m:email"),
                "one offset named twice");
        assertThrows(IllegalArgumentException.class, () -> ReminderOffset.parseList("31d:sms"));
    }
}
