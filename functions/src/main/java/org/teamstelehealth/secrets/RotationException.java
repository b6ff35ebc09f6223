package org.teamstelehealth.secrets;

/**
 * A rotation step failed. The rotation is recorded at its last completed step; repeating the
 * request resumes it there. Messages name the step and the cause's status, never a secret.
 */
public class RotationException extends RuntimeException {
    private final String rotationId;
    private final String step;

    public RotationException(String rotationId, String step, String message, Throwable cause) {
        super("Rotation " + rotationId + " failed at step '" + step + "': " + message, cause);
        this.rotationId = rotationId;
        this.step = step;
    }

    public String rotationId() {
        return rotationId;
    }

    public String step() {
        return step;
    }
}
