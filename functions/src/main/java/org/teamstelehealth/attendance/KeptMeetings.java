package org.teamstelehealth.attendance;

import java.time.Instant;
import org.teamstelehealth.appointments.MeetingException;

/**
 * Port: lets appointments delete a meeting it kept for its attendance report, by its usual rules
 * ({@code AppointmentService.releaseKeptMeeting}); a meeting the appointment still wants stays.
 */
public interface KeptMeetings {
    void release(String appointmentId, Instant now) throws MeetingException;
}
