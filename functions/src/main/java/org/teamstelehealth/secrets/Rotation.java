package org.teamstelehealth.secrets;

import java.time.Instant;
import java.util.UUID;

/**
 * One rotation of the Graph client secret, as recorded between its steps so a retry resumes it.
 * Holds no secret value: the new one goes straight from Graph's answer into the store.
 *
 * @param displayName the new password's name in Entra; unique, so a retry finds a password an
 *     earlier attempt added but could not store
 * @param objectId the app registration's object id
 * @param oldKeyId the password being replaced, or {@code null} when it could not be identified
 * @param newKeyId the password this rotation added, once stored
 * @param secretVersion the store's version holding the new password, once stored
 * @param removeAfter when the old password is removed
 */
public record Rotation(String id, State state, String displayName, Instant startedAt, Instant endDateTime,
                       String objectId, UUID oldKeyId, UUID newKeyId, String secretVersion,
                       Instant removeAfter) {

    public enum State {
        /** Recorded; the new password is not stored yet. */
        STARTED,
        /** The new password is in the store; not yet proven to get a token. */
        STORED,
        /** A token was obtained with the new password; it is the one in use. */
        VERIFIED,
        /** Waiting for the grace period to end before removing the old password. */
        AWAITING_REMOVAL,
        COMPLETED
    }

    Rotation stored(UUID keyId, String version) {
        return new Rotation(id, State.STORED, displayName, startedAt, endDateTime, objectId, oldKeyId,
                keyId, version, removeAfter);
    }

    Rotation in(State next) {
        return new Rotation(id, next, displayName, startedAt, endDateTime, objectId, oldKeyId, newKeyId,
                secretVersion, removeAfter);
    }

    Rotation removingOldAfter(Instant when) {
        return new Rotation(id, State.AWAITING_REMOVAL, displayName, startedAt, endDateTime, objectId,
                oldKeyId, newKeyId, secretVersion, when);
    }
}
