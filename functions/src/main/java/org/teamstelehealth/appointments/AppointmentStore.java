package org.teamstelehealth.appointments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where appointments are kept. Writes are optimistic: {@link #save} fails with
 * {@link ConcurrentChangeException} when someone else wrote the row since it was read, and the caller
 * re-reads and decides again.
 */
public interface AppointmentStore {

    Optional<Appointment> find(String appointmentId);

    /**
     * Inserts (when {@code appointment.etag()} is null) or replaces the row if its ETag still matches,
     * and keeps the provider's schedule index in step.
     */
    Appointment save(Appointment appointment) throws ConcurrentChangeException;

    /** A provider's appointments starting in {@code [from, to)}, ordered by start; one partition read. */
    List<Appointment> forProvider(String providerId, Instant from, Instant to);
}
