package org.teamstelehealth.attendance;

import java.util.List;

/**
 * Port: the attendance reports Graph keeps for an online meeting
 * ({@code GET /users/{organizer}/onlineMeetings/{id}/attendanceReports}, then each report's
 * {@code attendanceRecords}, every page).
 */
public interface AttendanceReports {

    /**
     * Every attendance record of every report of the meeting (a meeting left empty and joined again has one report
     * per session), in the order Graph lists them; empty while Graph has no report yet.
     *
     * @throws ReportsException when Graph refuses, the meeting is gone, or Graph cannot be reached
     */
    List<Attendee> attendees(String organizerId, String meetingId) throws ReportsException;
}
