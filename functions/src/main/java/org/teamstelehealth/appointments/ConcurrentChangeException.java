package org.teamstelehealth.appointments;

/** Another writer changed the appointment since it was read: re-read and decide again. */
public class ConcurrentChangeException extends Exception {
    public ConcurrentChangeException(String appointmentId, Throwable cause) {
        super("Appointment " + appointmentId + " changed since it was read", cause);
    }
}
