package org.teamstelehealth.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Attendance;

/** What every {@link AttendanceIndex} does; run against the in-memory fake and the table on Azurite. */
abstract class AttendanceIndexContract {
    protected abstract AttendanceIndex newIndex();

    /** A day of its own, so runs sharing a table do not see each other's entries. */
    private final LocalDate day = LocalDate.of(2100 + ThreadLocalRandom.current().nextInt(800), 1, 1)
            .plusDays(ThreadLocalRandom.current().nextInt(365));
    private final Instant start = day.atTime(5, 30).toInstant(java.time.ZoneOffset.UTC);

    private AttendanceIndex.Entry entry(String id, Instant due, Attendance attendance) {
        return new AttendanceIndex.Entry(id, day, "provider/7", start, due, true, false, attendance);
    }

    @Test
    void anEntryIsDueFromItsDueTimeUntilItsAttendanceIsRecorded() {
        AttendanceIndex index = newIndex();
        String id = "a-" + UUID.randomUUID();
        Instant due = start.plusSeconds(45 * 60);
        index.follow(entry(id, due, null));

        assertTrue(index.due(day, due.minusSeconds(1)).isEmpty());
        List<AttendanceIndex.Due> found = index.due(day, due);
        assertEquals(1, found.size());
        assertEquals(entry(id, due, null), found.get(0).entry());
        assertEquals(0, found.get(0).attempts());
        assertNull(found.get(0).nextTry());

        Attendance recorded = new Attendance(Attendance.Outcome.ATTENDED, null, due, true, true,
                new Attendance.Presence(start, start.plusSeconds(1200), 20), new Attendance.Presence(start, due, 21), 2, null);
        index.follow(entry(id, null, recorded));
        assertTrue(index.due(day, due.plusSeconds(3600)).isEmpty());
        assertEquals(List.of(entry(id, null, recorded)), index.day(day), "the summary reads what was recorded");
    }

    @Test
    void triesSurviveTheAppointmentsSavesAndPutTheNextTryOff() {
        AttendanceIndex index = newIndex();
        String id = "a-" + UUID.randomUUID();
        Instant due = start.plusSeconds(45 * 60);
        index.follow(entry(id, due, null));

        index.retry(day, id, due.plusSeconds(600), 1);
        index.follow(entry(id, due, null));

        AttendanceIndex.Due found = index.due(day, due).get(0);
        assertEquals(1, found.attempts());
        assertEquals(due.plusSeconds(600), found.nextTry());
        assertEquals(due.plusSeconds(600), found.at());
    }

    @Test
    void aRemovedEntryIsGoneAndATryOfAGoneEntryChangesNothing() {
        AttendanceIndex index = newIndex();
        String id = "a-" + UUID.randomUUID();
        index.follow(entry(id, start, null));

        index.remove(day, id);
        index.remove(day, id);
        index.retry(day, id, start, 3);

        assertTrue(index.day(day).isEmpty());
    }

    @Test
    void eachDayIsItsOwnPartition() {
        AttendanceIndex index = newIndex();
        String id = "a-" + UUID.randomUUID();
        index.follow(entry(id, start, null));

        assertTrue(index.day(day.plusDays(1)).isEmpty());
        assertTrue(index.due(day.minusDays(1), start.plusSeconds(86_400 * 3)).isEmpty());
    }
}
