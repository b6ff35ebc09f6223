package org.teamstelehealth.secrets;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One version of a secret. {@link #toString()} leaves the value out so a secret never reaches a log.
 *
 * @param version identifies this value; a new value has a new version
 * @param expiresOn when the value stops working, if the store knows
 * @param tags non-secret facts kept beside the value
 */
public record StoredSecret(String name, String value, String version, Optional<Instant> expiresOn,
                           Map<String, String> tags) {

    /** Tag naming the Entra password (its {@code keyId}) a client secret belongs to. */
    public static final String KEY_ID_TAG = "keyId";
    /** Tag naming the rotation that stored the value. */
    public static final String ROTATION_TAG = "rotationId";

    public StoredSecret {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public Optional<String> tag(String tag) {
        return Optional.ofNullable(tags.get(tag));
    }

    @Override
    public String toString() {
        return "StoredSecret[name=" + name + ", version=" + version + ", expiresOn="
                + expiresOn.map(Instant::toString).orElse("never") + ", tags=" + tags + "]";
    }
}
