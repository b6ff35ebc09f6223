package org.teamstelehealth.access;

import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/** Port: the tenant's token signing keys (its JWKS), by key id ({@code kid}). */
public interface SigningKeys {

    /**
     * The RSA public key with id {@code kid}, or empty when the tenant publishes none by that id.
     * An unknown id may make the implementation fetch the keys again (Entra rolls keys over).
     *
     * @throws SigningKeysUnavailableException when the keys cannot be fetched
     */
    Optional<RSAPublicKey> find(String kid);
}
