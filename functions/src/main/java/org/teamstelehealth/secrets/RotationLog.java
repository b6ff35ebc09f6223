package org.teamstelehealth.secrets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: each secret's rotations, as recorded between their steps, and which one is active. Claiming
 * the active rotation is the fence that keeps two concurrent requests from rotating twice.
 */
public interface RotationLog {

    /**
     * Makes {@code rotationId} the active rotation of the secret unless one already is, and takes
     * the lease on it: the right to run its steps until {@code leaseUntil}, or until
     * {@link #endLease}. Only one attempt holds the lease at a time, so two requests at once
     * cannot both add a password.
     *
     * @return the active rotation's id: {@code rotationId}, or the one already in progress
     * @throws RotationInProgressException when another attempt holds the lease
     */
    String claim(String secretName, String rotationId, Instant now, Instant leaseUntil);

    /** Gives up the lease after an attempt, so a repeated request may resume the rotation at once. */
    void endLease(String secretName, String rotationId);

    /** Ends the active rotation, so the next request starts a new one. */
    void release(String secretName, String rotationId);

    Optional<Rotation> find(String secretName, String rotationId);

    /** Records the rotation as it now is, replacing what was recorded. */
    void save(String secretName, Rotation rotation);

    /** Rotations whose old password is still to be removed. */
    List<Rotation> awaitingRemoval(String secretName);
}
