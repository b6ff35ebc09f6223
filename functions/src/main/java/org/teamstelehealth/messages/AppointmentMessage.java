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
 */
public record AppointmentMessage(String webhookId, String type, Instant receivedAt, int attempt, Snapshot snapshot) {

    public static final String QUEUE = "appointments";

    public AppointmentMessage nextAttempt() {
        return new AppointmentMessage(webhookId, type, receivedAt, attempt + 1, snapshot);
    }
}
