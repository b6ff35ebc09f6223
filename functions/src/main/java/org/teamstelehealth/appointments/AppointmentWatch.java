package org.teamstelehealth.appointments;

/**
 * Port: told of each appointment {@link AppointmentService} saved, so another feature can follow its meeting
 * (attendance reads the meeting's attendance report once it has ended). Called after the row is written, and again
 * for the stored row when a redelivered message finds its version already applied (the first delivery may have died
 * between the write and this call), so an implementation must be safe to call twice with the same row.
 */
public interface AppointmentWatch {
    /** Nobody is watching. */
    AppointmentWatch NONE = appointment -> {};

    void saved(Appointment appointment);
}
