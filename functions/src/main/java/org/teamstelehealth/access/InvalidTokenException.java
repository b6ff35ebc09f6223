package org.teamstelehealth.access;

/** An access token that is not one this app accepts; the message says why, without the token. */
public final class InvalidTokenException extends RuntimeException {
    public InvalidTokenException(String message) {
        super(message);
    }
}
