package org.teamstelehealth.notifications;

import java.time.Duration;
import java.util.Optional;

/**
 * A message could not be sent. {@link #transientFailure()} ones are retried (after
 * {@link #retryAfter()} when the service said so); permanent ones (rejected number or address) are
 * recorded on the appointment and not retried. Messages never quote the recipient.
 */
public class DeliveryException extends Exception {
    private final boolean transientFailure;
    private final Duration retryAfter;

    public DeliveryException(String message, boolean transientFailure, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    public boolean transientFailure() {
        return transientFailure;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
