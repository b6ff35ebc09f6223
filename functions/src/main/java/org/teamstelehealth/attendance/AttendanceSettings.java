package org.teamstelehealth.attendance;

import java.time.Duration;
import org.teamstelehealth.platform.SettingsSource;

/**
 * @param settleDelay how long after a meeting's scheduled end its reports are first asked for
 *     ({@code ATTENDANCE_SETTLE_MINUTES}, 15): Graph makes a report only once the meeting is over, and a meeting
 *     often runs over its slot
 * @param retryDelay the first wait while Graph has no report yet ({@code ATTENDANCE_RETRY_MINUTES}, 10); doubled
 *     after each empty answer, up to {@code maxRetryDelay}
 * @param maxRetryDelay the longest wait between two tries (an hour)
 * @param giveUpAfter how long after the first try an appointment whose meeting still has no report is recorded as
 *     {@code unknown} ({@code ATTENDANCE_GIVE_UP_HOURS}, 24)
 */
public record AttendanceSettings(Duration settleDelay, Duration retryDelay, Duration maxRetryDelay, Duration giveUpAfter) {

    public static AttendanceSettings from(SettingsSource source) {
        return new AttendanceSettings(
                source.minutes("ATTENDANCE_SETTLE_MINUTES", 15, 0, 24 * 60),
                source.minutes("ATTENDANCE_RETRY_MINUTES", 10, 1, 24 * 60),
                Duration.ofHours(1),
                Duration.ofHours(source.integer("ATTENDANCE_GIVE_UP_HOURS", 24, 1, 14 * 24)));
    }

    /** The wait after {@code attempts} empty answers. */
    public Duration backoff(int attempts) {
        Duration delay = retryDelay.multipliedBy(1L << Math.min(attempts, 16));
        return delay.compareTo(maxRetryDelay) > 0 && maxRetryDelay.compareTo(retryDelay) >= 0 ? maxRetryDelay : delay;
    }

    /** How many UTC days back the due scan reads: an appointment's start day may be this far behind its last try. */
    public int lookbackDays() {
        return (int) settleDelay.plus(giveUpAfter).toDays() + 2;
    }
}
