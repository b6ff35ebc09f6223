package org.teamstelehealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NCrontabTest {
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-30T12:00:00Z");

    private static Instant next(String expression, Instant after) {
        return NCrontab.parse(expression).next(after, ZoneOffset.UTC).orElseThrow();
    }

    @Test
    void everySecondIsTheNextWholeSecond() {
        assertEquals(Instant.parse("2026-11-30T12:00:01Z"), next("* * * * * *", MONDAY_NOON));
        assertEquals(Instant.parse("2026-11-30T12:00:01Z"), next("* * * * * *", MONDAY_NOON.plusMillis(300)));
    }

    @Test
    void stepsCountFromTheStartOfTheRange() {
        assertEquals(Instant.parse("2026-11-30T12:05:00Z"), next("0 */5 * * * *", MONDAY_NOON));
        assertEquals(Instant.parse("2026-11-30T12:00:15Z"), next("*/15 * * * * *", MONDAY_NOON));
        assertEquals(Instant.parse("2026-11-30T12:12:00Z"), next("0 2-59/10 * * * *", MONDAY_NOON.plusSeconds(180)));
    }

    @Test
    void listsAndRangesOfHoursRollOverToTheNextDay() {
        assertEquals(Instant.parse("2026-11-30T17:30:00Z"), next("0 30 9,17 * * *", MONDAY_NOON));
        assertEquals(Instant.parse("2026-12-01T09:30:00Z"), next("0 30 9,17 * * *", Instant.parse("2026-11-30T17:30:00Z")));
        assertEquals(Instant.parse("2026-12-01T08:00:00Z"), next("0 0 8-10 * * *", Instant.parse("2026-11-30T10:00:00Z")));
    }

    @Test
    void daysOfWeekByNumberOrNameWithSundayAsZeroOrSeven() {
        assertEquals(Instant.parse("2026-12-04T09:00:00Z"), next("0 0 9 * * 5", MONDAY_NOON));
        assertEquals(Instant.parse("2026-12-04T09:00:00Z"), next("0 0 9 * * Fri", MONDAY_NOON));
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), next("0 0 0 * * 0", MONDAY_NOON));
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), next("0 0 0 * * 7", MONDAY_NOON));
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), next("0 0 9 * * 1-5", MONDAY_NOON));
    }

    @Test
    void dayOfMonthAndMonthByNameAcrossYears() {
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("0 0 0 1 1 *", MONDAY_NOON));
        assertEquals(Instant.parse("2027-02-15T06:00:00Z"), next("0 0 6 15 Feb *", MONDAY_NOON));
        assertEquals(Instant.parse("2028-02-29T00:00:00Z"), next("0 0 0 29 2 *", MONDAY_NOON));
    }

    @Test
    void dayAndDayOfWeekMustBothMatch() {
        // The next Friday the 13th after 2026-11-30 is in August 2027.
        assertEquals(Instant.parse("2027-08-13T00:00:00Z"), next("0 0 0 13 * Fri", MONDAY_NOON));
    }

    @Test
    void fiveFieldsMeanSecondZero() {
        assertEquals(Instant.parse("2026-11-30T12:15:00Z"), next("*/15 * * * *", MONDAY_NOON));
    }

    @Test
    void aTimeZoneShiftsTheWallClockAndSkipsTimesThatDoNotExist() {
        ZoneId london = ZoneId.of("Europe/London");
        // 09:00 in London in summer is 08:00 UTC.
        assertEquals(Instant.parse("2027-06-01T08:00:00Z"),
                NCrontab.parse("0 0 9 * * *").next(Instant.parse("2027-05-31T09:00:00Z"), london).orElseThrow());
        // 01:30 does not exist on 2027-03-28 in London (clocks go 01:00 -> 02:00): the run moves to 02:30 BST.
        Instant next = NCrontab.parse("0 30 1 * * *").next(Instant.parse("2027-03-27T02:00:00Z"), london).orElseThrow();
        assertEquals(Instant.parse("2027-03-28T01:30:00Z"), next);
    }

    @Test
    void badExpressionsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NCrontab.parse("0 61 * * * *"));
        assertTrue(e.getMessage().contains("minute"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NCrontab.parse("0 0 * *"));
        assertThrows(IllegalArgumentException.class, () -> NCrontab.parse("0 0 10-2 * * *"));
        assertThrows(IllegalArgumentException.class, () -> NCrontab.parse("0 */0 * * * *"));
    }
}
