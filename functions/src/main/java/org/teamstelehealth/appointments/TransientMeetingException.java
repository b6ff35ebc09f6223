package org.teamstelehealth.appointments;

import java.time.Duration;
import java.util.Optional;

/** Graph is throttling (429) or briefly unavailable (503/504, network): try again later, after {@link #retryAfter()}. */
public class TransientMeetingException extends MeetingException {
    private final Duration retryAfter;

    public TransientMeetingException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** What Graph's Retry-After header asked for, if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
