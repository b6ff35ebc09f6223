package org.teamstelehealth.appointments;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Changes one stored appointment on behalf of another feature (a patient's reply, an attendance report, a failed
 * delivery): reads the newest row, applies the change, saves it conditionally (reading again when someone else
 * wrote first), then puts what the change recorded (events, intents) on the queues.
 */
public final class AppointmentUpdates {
    private static final int MAX_ROUNDS = 8;

    private final AppointmentStore store;
    private final Outbox outbox;

    public AppointmentUpdates(AppointmentStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /**
     * Applies {@code change} to the newest row. {@code change} sees the row as read and returns it unchanged
     * (the same instance) when there is nothing to do; it may run more than once, so it must only compute.
     *
     * @return the appointment as saved (or as found when nothing changed), empty when there is no such appointment
     */
    public Optional<Appointment> update(String appointmentId, UnaryOperator<Appointment> change) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Appointment> found = store.find(appointmentId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (found.get().hasPending()) {
                outbox.flush(found.get());
                continue;
            }
            Appointment next = change.apply(found.get());
            if (next == found.get()) {
                return found;
            }
            try {
                Appointment saved = store.save(next);
                outbox.flush(saved);
                return Optional.of(saved);
            } catch (ConcurrentChangeException e) {
                // read again: the change must go onto the newest row
            }
        }
        throw new IllegalStateException("Appointment " + appointmentId + " kept changing (" + MAX_ROUNDS
                + " rounds); the caller retries");
    }
}
