package org.teamstelehealth.attendance;

import java.time.Duration;
import java.util.Optional;

/** Why a meeting's attendance reports could not be read; the message is for the admin and holds no patient datum. */
public final class ReportsException extends Exception {

    public enum Kind {
        /** Throttled, unavailable or unreachable: try again later. */
        TRANSIENT,
        /** 403: a permission or the Teams application access policy is missing; trying again will not help. */
        REFUSED,
        /** 404: Graph keeps no report for the meeting (deleted, or never reachable); trying again will not help. */
        GONE,
        /** Anything else that will not get better by waiting (401, 400). */
        PERMANENT
    }

    private final Kind kind;
    private final Duration retryAfter;

    public ReportsException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
