package org.teamstelehealth.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the wait an HTTP {@code Retry-After} field asks for (RFC 9110 §10.2.3): either
 * delta-seconds ({@code 120}) or an HTTP-date, which is measured from the given clock's now.
 * A date already past asks for no wait, so it reads as {@link Duration#ZERO}, not as absent.
 */
public final class RetryAfter {
    private static final Pattern DELTA_SECONDS = Pattern.compile("\\d+");
    /** asctime-date, one of the two obsolete HTTP-date forms a recipient must still accept: {@code Sun Nov  6 08:49:37 1994}. */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private RetryAfter() {}

    /**
     * The wait one field value asks for.
     *
     * @return empty when the value is absent or neither delta-seconds nor an HTTP-date
     */
    public static Optional<Duration> parse(String value, Clock clock) {
        return parse(value == null ? List.of() : List.of(value), clock);
    }

    /**
     * The wait a field asks for when it may have been sent more than once: the longest of its readable
     * values (the most cautious ask, and the same whatever order the values come in); unreadable values
     * are ignored.
     *
     * @param values each value as received, never split on commas (an HTTP-date holds one); empty or
     *               {@code null} when the field is absent
     * @return empty when no value is readable
     */
    public static Optional<Duration> parse(Collection<String> values, Clock clock) {
        if (values == null) {
            return Optional.empty();
        }
        return values.stream()
                .filter(Objects::nonNull)
                .map(value -> one(value.trim(), clock))
                .flatMap(Optional::stream)
                .max(Duration::compareTo);
    }

    private static Optional<Duration> one(String value, Clock clock) {
        if (DELTA_SECONDS.matcher(value).matches()) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        return httpDate(value, clock).map(at -> until(at, clock));
    }

    private static Duration until(Instant at, Clock clock) {
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), or either obsolete form. */
    private static Optional<Instant> httpDate(String value, Clock clock) {
        for (DateTimeFormatter format : List.of(DateTimeFormatter.RFC_1123_DATE_TIME, rfc850(clock), ASCTIME)) {
            try {
                return Optional.of(format.parse(value, Instant::from));
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /**
     * rfc850-date ({@code Sunday, 06-Nov-94 08:49:37 GMT}): its two-digit year is the one within 50 years
     * ahead of now, or else the most recent past one (RFC 9110 §5.6.7).
     */
    private static DateTimeFormatter rfc850(Clock clock) {
        int earliestYear = clock.instant().atZone(ZoneOffset.UTC).getYear() - 49;
        return new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, earliestYear)
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.US)
                .withZone(ZoneOffset.UTC);
    }
}
