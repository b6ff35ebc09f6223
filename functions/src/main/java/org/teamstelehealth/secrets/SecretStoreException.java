package org.teamstelehealth.secrets;

/** The secret store could not be read or written. Messages name the secret, never its value. */
public class SecretStoreException extends RuntimeException {
    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
