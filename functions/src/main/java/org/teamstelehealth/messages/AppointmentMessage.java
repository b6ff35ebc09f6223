package org.teamstelehealth.messages;

import java.time.Instant;

/**
 * What intake puts on the {@value #QUEUE} queue for one accepted webhook.
 *
 * @param webhookId the PMS's {@code webhook-id}, kept for tracing a delivery end to end
 * @param type the contract's informative event type, e.g. {@code appointment.updated}
 * @param receivedAt when intake accepted it
 * @param attempt how many times processing already re-queued it after a transient failure (0 at first)
 * @param snapshot the appointment as the PMS sent it
 * @param firstTriedAt when processing first tried it and met a transient failure, carried on each re-queue so the
 *     retry time counts from there; {@code null} until then, and in messages queued before this field existed
 *     (those count from the attempt that reads them)
 * @param repairing re-queued because an attempt changed the meeting in Graph, lost the row to a newer version and
 *     could not yet put Graph back to that version's times (Graph was throttling): when this message is found
 *     stale again, the meeting is set to the stored version's times once more. {@code false} when absent.
 */
public record AppointmentMessage(String webhookId, String type, Instant receivedAt, int attempt, Snapshot snapshot,
        Instant firstTriedAt, boolean repairing) {

    public static final String QUEUE = "appointments";

    /** A message not tried yet. */
    public AppointmentMessage(String webhookId, String type, Instant receivedAt, int attempt, Snapshot snapshot) {
        this(webhookId, type, receivedAt, attempt, snapshot, null, false);
    }

    public AppointmentMessage(
            String webhookId, String type, Instant receivedAt, int attempt, Snapshot snapshot, Instant firstTriedAt) {
        this(webhookId, type, receivedAt, attempt, snapshot, firstTriedAt, false);
    }

    /** When the retry time of this message counts from, if this attempt at {@code now} fails. */
    public Instant firstTriedAtOr(Instant now) {
        return firstTriedAt != null ? firstTriedAt : now;
    }

    /** The same message for the next attempt, remembering that it was first tried at {@code firstTried}. */
    public AppointmentMessage nextAttempt(Instant firstTried) {
        return new AppointmentMessage(webhookId, type, receivedAt, attempt + 1, snapshot, firstTried, repairing);
    }

    /** The same message re-queued to finish a repair of the meeting that Graph refused for now. */
    public AppointmentMessage nextRepair(Instant firstTried) {
        return new AppointmentMessage(webhookId, type, receivedAt, attempt + 1, snapshot, firstTried, true);
    }
}
