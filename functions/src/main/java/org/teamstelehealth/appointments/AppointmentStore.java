package org.teamstelehealth.appointments;

import java.time.Instant;
import java.time.LocalDate;
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
     * and keeps the provider's schedule, the retention index and the attention index in step.
     */
    Appointment save(Appointment appointment) throws ConcurrentChangeException;

    /**
     * Readies the way {@link #save} goes for its first call, writing nothing: does what saving {@code appointment}
     * (not yet stored) does, with requests the storage refuses whole.
     */
    default void rehearseSave(Appointment appointment) {}

    /**
     * A provider's appointments starting in {@code [from, to)}, ordered by start; one partition read of what the
     * feed shows. For reading, not saving: no ETag, no pending intents, and meetings without their Teams URL.
     */
    List<Appointment> forProvider(String providerId, Instant from, Instant to);

    /**
     * An opaque token that differs after every {@link #save} or {@link #purge} that adds, changes, moves or
     * removes an appointment in the provider's schedule, and stays the same while none does; one point read.
     * Read it before {@link #forProvider}: a change in between then shows as a new token at the next read.
     */
    String scheduleChange(String providerId);

    /**
     * One entry of the retention index: an appointment whose {@link Appointment#retainedFrom()} falls on
     * {@code day} (UTC). Every save keeps the appointment's one entry in step.
     */
    record Retained(String appointmentId, LocalDate day) {}

    /** The appointments whose retention started on a UTC day before {@code day}; one range read of the index. */
    List<Retained> retainedBefore(LocalDate day);

    /**
     * Removes the appointment's row, its schedule entry and then its index entry; what is already gone is
     * skipped, so a purge interrupted half-way is finished by running it again.
     */
    void purge(Retained entry);

    /**
     * The attention list: entries of the {@code categories} whose appointments start in {@code [from, to)}, newest
     * start first (then by appointment id and category), at most {@code limit}, read from an index kept by every
     * {@link #save} and {@link #purge} (never a scan of the appointments).
     *
     * @param after {@link Attention.Page#next} of the page before, or {@code null} for the first
     * @throws IllegalArgumentException when {@code after} is not a token this store made
     */
    Attention.Page needingAttention(java.util.Set<Attention> categories, Instant from, Instant to, int limit,
            String after);
}
