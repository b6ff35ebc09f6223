package org.teamstelehealth.intake;

import java.time.Instant;

/**
 * What intake remembers about one {@code webhook-id}, so a retried delivery is not queued twice.
 * It holds no patient data: the PMS's ids and the event type only.
 *
 * @param queuedAt when the message was durably queued, or {@code null} while {@link State#PENDING}
 */
public record Receipt(
        String webhookId, State state, String type, String appointmentId, long version,
        Instant receivedAt, Instant queuedAt) {

    public enum State {
        /**
         * Claimed: the message was put unless the attempt died first. A repeat puts it again (see
         * IntakeService) and marks the receipt queued.
         */
        PENDING,
        /** The message is known to be on the queue: a repeat is a duplicate and nothing is put. */
        QUEUED
    }

    public static Receipt pending(String webhookId, String type, String appointmentId, long version, Instant receivedAt) {
        return new Receipt(webhookId, State.PENDING, type, appointmentId, version, receivedAt, null);
    }

    public boolean queued() {
        return state == State.QUEUED;
    }
}
