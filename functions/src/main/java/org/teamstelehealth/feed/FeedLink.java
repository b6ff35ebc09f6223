package org.teamstelehealth.feed;

import java.time.Instant;

/**
 * One feed link issued to a provider. The token itself is never kept: only its SHA-256.
 *
 * @param tokenHash base64url SHA-256 of the token
 * @param calendarName the name calendar apps show for the subscription, or {@code null}
 * @param revokedAt when an admin revoked it, or {@code null}
 */
public record FeedLink(String providerId, String id, String tokenHash, String calendarName,
        Instant createdAt, Instant expiresAt, Instant revokedAt) {

    /** Not revoked and not yet expired at {@code now}. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public FeedLink revoked(Instant at) {
        return new FeedLink(providerId, id, tokenHash, calendarName, createdAt, expiresAt, at);
    }
}
