package org.teamstelehealth.appointments;

/**
 * Graph refused in a way retrying will not fix (no application access policy, unknown user, bad credentials).
 * The message says what an admin must do.
 */
public class PermanentMeetingException extends MeetingException {
    public PermanentMeetingException(String adminReason, Throwable cause) {
        super(adminReason, cause);
    }
}
