package org.teamstelehealth.intake;

/**
 * Table or queue storage did not answer (down, throttled, timed out). Intake answers 503 so the PMS
 * retries; the cause is kept for the operator's log.
 */
public final class StorageUnavailableException extends Exception {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
