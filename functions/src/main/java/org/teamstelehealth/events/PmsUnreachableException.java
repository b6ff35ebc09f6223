package org.teamstelehealth.events;

/** No answer from the PMS: connection refused or reset, or the timeout passed. The message says which, no more. */
public final class PmsUnreachableException extends Exception {
    public PmsUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
