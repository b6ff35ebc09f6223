package org.teamstelehealth.secrets;

import java.time.Instant;

/** Another request is running the rotation's steps right now; try again after {@link #leaseUntil()}. */
public class RotationInProgressException extends RuntimeException {
    private final String rotationId;
    private final Instant leaseUntil;

    public RotationInProgressException(String rotationId, Instant leaseUntil) {
        super("Rotation " + rotationId + " is being run by another request until " + leaseUntil);
        this.rotationId = rotationId;
        this.leaseUntil = leaseUntil;
    }

    public String rotationId() {
        return rotationId;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }
}
