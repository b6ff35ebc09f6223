package org.teamstelehealth.reminders;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.teamstelehealth.platform.SettingsSource;

/**
 * How reminders before an appointment's start are sent.
 *
 * @param enabled {@code REMINDERS_ENABLED} (true): off plans nothing and sends nothing
 * @param offsets {@code REMINDER_OFFSETS} ({@value #DEFAULT_OFFSETS}), see {@link ReminderOffset#parseList}
 * @param smsQuietHours {@code REMINDER_SMS_QUIET_HOURS} ({@value #DEFAULT_QUIET_HOURS}, or {@code off}): in the
 *     appointment's time zone; a reminder SMS due then goes earlier instead
 * @param catchUp {@code REMINDER_CATCH_UP_HOURS} (24): after the timer did not run for a while (an outage, a
 *     stopped app), reminders that fell due this long before now still go, if their appointment has not started
 * @param grace {@code REMINDER_GRACE_MINUTES} (2): a reminder planned at booking time whose due time passed no longer
 *     ago than this still goes (the booking and the offset crossed); older ones are skipped
 */
public record ReminderSettings(boolean enabled, List<ReminderOffset> offsets, Optional<QuietHours> smsQuietHours,
        Duration catchUp, Duration grace) {
    public static final String DEFAULT_OFFSETS = "24h:sms+email,15m:sms";
    public static final String DEFAULT_QUIET_HOURS = "21:00-08:00";

    public ReminderSettings {
        offsets = List.copyOf(offsets);
    }

    public static ReminderSettings from(SettingsSource source) {
        List<ReminderOffset> offsets = List.of();
        String raw = source.string("REMINDER_OFFSETS", DEFAULT_OFFSETS);
        try {
            offsets = ReminderOffset.parseList(raw);
        } catch (IllegalArgumentException e) {
            source.problem("REMINDER_OFFSETS " + e.getMessage());
        }
        Optional<QuietHours> quiet = Optional.empty();
        String quietRaw = source.string("REMINDER_SMS_QUIET_HOURS", DEFAULT_QUIET_HOURS).strip();
        if (!quietRaw.isEmpty() && !quietRaw.equalsIgnoreCase("off")) {
            try {
                quiet = Optional.of(QuietHours.parse(quietRaw));
            } catch (IllegalArgumentException e) {
                source.problem("REMINDER_SMS_QUIET_HOURS " + e.getMessage());
            }
        }
        return new ReminderSettings(
                source.bool("REMINDERS_ENABLED", true),
                offsets,
                quiet,
                Duration.ofHours(source.integer("REMINDER_CATCH_UP_HOURS", 24, 1, 24 * 7)),
                source.minutes("REMINDER_GRACE_MINUTES", 2, 0, 60));
    }
}
