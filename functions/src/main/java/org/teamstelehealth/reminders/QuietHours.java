package org.teamstelehealth.reminders;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Local times of day when no reminder SMS goes, in the appointment's own time zone: from {@code start} (inclusive)
 * to {@code end} (exclusive), across midnight when {@code end} is earlier, e.g. 21:00–08:00.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        if (start.equals(end)) {
            throw new IllegalArgumentException("starts and ends at the same time");
        }
    }

    /** Parses {@code HH:mm-HH:mm}, e.g. {@code 21:00-08:00}. */
    public static QuietHours parse(String value) {
        String[] parts = value.strip().split("\\s*[-–]\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("must be HH:mm-HH:mm, e.g. 21:00-08:00, or off");
        }
        try {
            return new QuietHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be HH:mm-HH:mm, e.g. 21:00-08:00, or off");
        }
    }

    /** Whether {@code at}'s local time of day is quiet. */
    public boolean contains(ZonedDateTime at) {
        LocalTime time = at.toLocalTime();
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }

    /**
     * The latest moment at or before {@code at} that is not quiet: {@code at} itself, or the last minute before the
     * quiet period it falls in began ({@code start} − 1 minute, e.g. 20:59 for quiet hours from 21:00), on the local
     * date that period began. A DST gap or overlap is resolved as {@link ZonedDateTime#of} does (later offset in a
     * gap, earlier in an overlap), which keeps the result before the quiet period either way.
     */
    public ZonedDateTime latestAllowedAtOrBefore(ZonedDateTime at) {
        if (!contains(at)) {
            return at;
        }
        LocalTime time = at.toLocalTime();
        boolean startedYesterday = !start.isBefore(end) && time.isBefore(end);
        ZonedDateTime periodStart = ZonedDateTime.of(at.toLocalDate().minusDays(startedYesterday ? 1 : 0), start,
                at.getZone());
        return periodStart.minusMinutes(1).truncatedTo(ChronoUnit.MINUTES);
    }
}
