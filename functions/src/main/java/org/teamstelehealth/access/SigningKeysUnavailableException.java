package org.teamstelehealth.access;

/** The tenant's signing keys could not be fetched: no token can be checked until they can. */
public final class SigningKeysUnavailableException extends RuntimeException {
    public SigningKeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
