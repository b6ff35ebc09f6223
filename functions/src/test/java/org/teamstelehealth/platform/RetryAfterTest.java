package org.teamstelehealth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

    private static Optional<Duration> parse(String value) {
        return RetryAfter.parse(value, NOW);
    }

    @Test
    void deltaSecondsIsThatManySeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), parse("120"));
        assertEquals(Optional.of(Duration.ZERO), parse("0"));
        assertEquals(Optional.of(Duration.ofSeconds(7)), parse(" 7 "), "optional whitespace around the value");
    }

    @Test
    void anHttpDateIsTheWaitFromTheClocksNow() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), parse("Mon, 02 Mar 2026 10:01:30 GMT"));
    }

    @Test
    void theObsoleteHttpDateFormsAreReadToo() {
        assertEquals(Optional.of(Duration.ofMinutes(5)), parse("Monday, 02-Mar-26 10:05:00 GMT"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), parse("Mon Mar  2 10:05:00 2026"));
    }

    @Test
    void aDateAlreadyPastAsksForNoWait() {
        assertEquals(Optional.of(Duration.ZERO), parse("Sun, 01 Mar 2026 10:00:00 GMT"));
        assertEquals(Optional.of(Duration.ZERO), parse("Mon, 02 Mar 2026 10:00:00 GMT"), "exactly now");
    }

    @Test
    void garbageIsAbsent() {
        for (String garbage : List.of("", "soon", "-5", "1.5", "12s", "99999999999999999999",
                "Mon, 02 Mar 2026", "Tue, 02 Mar 2026 10:01:30 GMT")) {
            assertEquals(Optional.empty(), parse(garbage), garbage);
        }
    }

    @Test
    void anAbsentFieldIsAbsent() {
        assertEquals(Optional.empty(), parse(null));
        assertEquals(Optional.empty(), RetryAfter.parse((List<String>) null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(List.of(), NOW));
    }

    @Test
    void aFieldSentMoreThanOnceAsksForItsLongestReadableWait() {
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                RetryAfter.parse(List.of("30", "Mon, 02 Mar 2026 10:01:30 GMT", "60"), NOW));
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                RetryAfter.parse(Arrays.asList("later", null, "30"), NOW), "unreadable values are ignored");
        assertEquals(Optional.empty(), RetryAfter.parse(List.of("later", "soon"), NOW));
    }
}
