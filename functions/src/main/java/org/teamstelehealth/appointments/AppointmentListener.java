package org.teamstelehealth.appointments;

import java.time.Instant;

/**
 * Port: told of an appointment as stored each time the queue worker has applied a snapshot to it, and again when a
 * snapshot turns out stale (a redelivery after a crash between the save and this call), so what a listener keeps in
 * step with the row is repaired by the next delivery. Implementations must be idempotent; a failure is thrown, and
 * the queue redelivers the message.
 */
@FunctionalInterface
public interface AppointmentListener {
    AppointmentListener NONE = (stored, now) -> { };

    void applied(Appointment stored, Instant now);
}
