package org.teamstelehealth.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a message is retried against transient ACS failures, and how long each wait is. Giving up is a matter
 * of time, not of a count of attempts: ACS may ask for a retry after a second (a 429 with {@code Retry-After: 1}),
 * so any count would lose a message to a throttling of a few minutes, while the promise is that an ACS outage
 * shorter than {@link #retryFor} loses nothing. ACS's service limits page asks for no immediate retries after a 429
 * and documents no upper bound on its Retry-After: a Retry-After is waited as given (the queue caps one wait at an
 * hour, {@link StorageNotificationRetries}), anything else waits longer each time.
 *
 * @param retryFor how long after a delivery was first recorded a transient failure is still retried; one after that
 *     records the delivery failed
 * @param firstDelay the wait after the first transient failure that named no Retry-After; each further one doubles it
 * @param maxDelay the longest wait without a Retry-After (a Retry-After is always honoured)
 */
public record DeliveryBackoff(Duration retryFor, Duration firstDelay, Duration maxDelay) {

    /** Whether a delivery first recorded at {@code since} has been retried for long enough at {@code now}. */
    public boolean exhausted(Instant since, Instant now) {
        return !now.isBefore(since.plus(retryFor));
    }

    /** The wait after a transient failure of attempt number {@code attempts} (1 for the first). */
    public Duration delay(int attempts, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        Duration doubled = firstDelay.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
    }
}
