package org.teamstelehealth.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.teamstelehealth.appointments.Attendance;

/**
 * Port: the telehealth appointments by the UTC day they start, with when their attendance is due. The due scan
 * (one range read of the day partitions that can hold something due) and the summary (one read per day) both read
 * it; neither scans the appointments.
 */
public interface AttendanceIndex {

    /**
     * What the index knows of one appointment, all of it from the appointment row as saved: written whole on every
     * save ({@link #follow}), so the newest row wins; the tries ({@link #retry}) are kept apart from it.
     *
     * @param day the UTC day it starts: the partition
     * @param due when its attendance report is first asked for (the meeting's end plus the settle delay), or
     *     {@code null} when nothing is to be read (no meeting, cancelled, or already recorded)
     * @param ready a Teams meeting was made for it
     * @param cancelled cancelled or deleted by the PMS: left out of the summary
     * @param attendance what was recorded, or {@code null}
     */
    record Entry(String appointmentId, LocalDate day, String providerId, Instant start, Instant due, boolean ready,
            boolean cancelled, Attendance attendance) {}

    /** An entry with its tries: {@code nextTry} ({@code null} before the first) and how many found no report. */
    record Due(Entry entry, Instant nextTry, int attempts) {
        /** When it may be tried: the later of its due time and its next try. */
        public Instant at() {
            return nextTry != null && nextTry.isAfter(entry.due()) ? nextTry : entry.due();
        }
    }

    /** Writes the entry's appointment columns (the tries already recorded stay). */
    void follow(Entry entry);

    /** Records a try that found nothing yet: try again at {@code nextTry}. */
    void retry(LocalDate day, String appointmentId, Instant nextTry, int attempts);

    /** Removes an entry that no longer describes its appointment (it moved to another day, or was purged). */
    void remove(LocalDate day, String appointmentId);

    /** The day's entries whose attendance is due by {@code now} and not recorded (tries not yet due included). */
    List<Due> due(LocalDate day, Instant now);

    /** Every entry of the day, for the summary. */
    List<Entry> day(LocalDate day);
}
