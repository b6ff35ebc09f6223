package org.teamstelehealth.appointments;

/**
 * Making, moving or removing a meeting failed. Messages name users by Entra object id or UPN (staff),
 * never the patient, so they are safe to log and to show an admin.
 */
public abstract class MeetingException extends Exception {
    protected MeetingException(String message, Throwable cause) {
        super(message, cause);
    }
}
