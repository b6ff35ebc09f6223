package org.teamstelehealth.secrets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the app's own Entra app registration, as far as its client secrets (passwords) go. */
public interface AppRegistration {

    /**
     * The registration's object id and passwords, or empty when the app may not read itself
     * (Graph answered 403: {@code Application.ReadWrite.OwnedBy} not granted, or the app is not its own owner).
     *
     * @throws AppRegistrationException when Graph fails otherwise
     */
    Optional<Registration> read();

    /** Adds a password; the answer carries the secret text, the only time Graph shows it. */
    NewPassword addPassword(String objectId, String displayName, Instant endDateTime);

    void removePassword(String objectId, UUID keyId);

    record Registration(String objectId, List<Password> passwords) {
        public Optional<Password> password(UUID keyId) {
            return passwords.stream().filter(p -> p.keyId().equals(keyId)).findFirst();
        }
    }

    /** @param hint the first characters of the secret text, as Entra keeps them */
    record Password(UUID keyId, String displayName, String hint, Optional<Instant> endDateTime) {}

    record NewPassword(UUID keyId, String secretText, Instant endDateTime) {
        @Override
        public String toString() {
            return "NewPassword[keyId=" + keyId + ", endDateTime=" + endDateTime + "]";
        }
    }

    /** Graph refused or failed a call. Messages carry Graph's error code, never a secret. */
    class AppRegistrationException extends RuntimeException {
        public AppRegistrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
