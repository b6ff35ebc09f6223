package org.teamstelehealth.appointments;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.teamstelehealth.messages.Snapshot;

/**
 * How long the appointments side keeps trying a change while Graph is throttling or unavailable. Giving up is a
 * matter of time, not of a count: Graph throttles with a {@code Retry-After} of seconds, so any count would lose a
 * change to a minute of 429s, while the promise is that a Graph outage shorter than {@link #retryFor} loses nothing.
 * A change that makes or moves a meeting is not tried past the appointment's end (a meeting for a visit that is over
 * helps nobody, and the reason tells the admin why); a removal is tried for the whole time, since a meeting left
 * behind keeps a working join link.
 *
 * @param retryFor how long after a message was first tried a transient failure is still retried
 * @param defaultRetryDelay the first backoff when Graph gave no Retry-After; doubled per attempt
 * @param maxRetryDelay the longest a message is hidden before the next attempt (a longer Retry-After is cut to it)
 */
public record RetryPolicy(Duration retryFor, Duration defaultRetryDelay, Duration maxRetryDelay) {

    /** When a transient failure of {@code snapshot}'s change, first tried at {@code firstTriedAt}, stops being retried. */
    public Instant giveUpAt(Snapshot snapshot, Instant firstTriedAt) {
        Instant byTime = firstTriedAt.plus(retryFor);
        if (snapshot.wantsMeeting() && snapshot.start() != null && snapshot.durationMinutes() != null) {
            Instant end = snapshot.endInstant();
            return end.isBefore(byTime) ? end : byTime;
        }
        return byTime;
    }

    /** The wait after a transient failure of attempt number {@code attempt} (0 for the first). */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        Duration delay = retryAfter.orElseGet(() -> defaultRetryDelay.multipliedBy(1L << Math.min(Math.max(attempt, 0), 10)));
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
