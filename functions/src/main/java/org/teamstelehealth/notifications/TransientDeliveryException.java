package org.teamstelehealth.notifications;

import java.time.Duration;
import java.util.Optional;

/** ACS is throttling, briefly unavailable or unreachable, or refused our credentials: try again later, after {@link #retryAfter()}. */
public final class TransientDeliveryException extends DeliveryException {
    private final Duration retryAfter;

    /** @param retryAfter the wait the service asked for, or {@code null} when it asked for none */
    public TransientDeliveryException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** What the service's Retry-After asked for, if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
