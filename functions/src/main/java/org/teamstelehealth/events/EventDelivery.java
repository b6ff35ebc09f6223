package org.teamstelehealth.events;

import java.time.Instant;

/**
 * How far one event got towards the PMS: the delivery log's row for it.
 *
 * @param attempts POSTs made so far
 * @param firstAttemptAt when the first POST was made; retrying ends {@link EventSettings#retryFor()} after it
 * @param lastResult what the last attempt got, e.g. {@code HTTP 503} or {@code timed out}; never the PMS's body
 * @param nextAttemptAt when the next attempt is due while {@link Status#RETRYING}, else {@code null}
 */
public record EventDelivery(String appointmentId, String eventId, String type, long sequence, Status status,
        int attempts, Instant firstAttemptAt, Instant updatedAt, String lastResult, Instant nextAttemptAt) {

    public enum Status {
        /** Failed so far; queued again for {@code nextAttemptAt}. */
        RETRYING,
        /** The PMS answered 2xx. */
        DELIVERED,
        /** The PMS answered 410 Gone: it wants no more of this; not retried. */
        GONE,
        /** Still failing when retrying ran out. */
        FAILED,
        /** {@code PMS_EVENTS_URL} is not set: recorded, not sent. */
        NOT_SENT;

        /** Nothing more will be tried. */
        public boolean settled() {
            return this != RETRYING;
        }
    }

    static EventDelivery first(org.teamstelehealth.messages.PmsEvent event, Instant now) {
        return new EventDelivery(event.appointmentId(), event.id(), event.type(), event.sequence(), Status.RETRYING, 0,
                now, now, null, null);
    }

    EventDelivery attempted(Status newStatus, String result, Instant now, Instant next) {
        return new EventDelivery(appointmentId, eventId, type, sequence, newStatus, attempts + 1, firstAttemptAt, now,
                result, next);
    }

    EventDelivery notSent(Instant now) {
        return new EventDelivery(appointmentId, eventId, type, sequence, Status.NOT_SENT, attempts, firstAttemptAt, now,
                "PMS_EVENTS_URL is not set", null);
    }
}
