package org.teamstelehealth.attendance;

import java.time.Instant;
import java.util.List;

/**
 * One attendance record of a meeting's attendance report (Graph v1.0 {@code attendanceRecord}), with what matching
 * needs and nothing more: no email address or display name is kept (a guest's is the patient's name).
 *
 * @param id {@code identity.id}: an Entra object id for users of a tenant; {@code null} for an anonymous guest
 * @param tenantId {@code identity.tenantId}; Graph's reference examples show {@code null} for the organiser's own
 *     users, so only a tenant id that is present and not the clinic's says "another tenant"
 * @param role Graph's {@code role} (None, Attendee, Presenter, Organizer)
 * @param intervals {@code attendanceIntervals}: one per join, several for someone who rejoined
 * @param totalSeconds {@code totalAttendanceInSeconds}, or {@code null} when absent
 */
public record Attendee(String id, String tenantId, String role, List<Interval> intervals, Integer totalSeconds) {

    public Attendee {
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
    }

    /** One {@code attendanceInterval}: from joining to leaving. */
    public record Interval(Instant join, Instant leave, Integer seconds) {}
}
