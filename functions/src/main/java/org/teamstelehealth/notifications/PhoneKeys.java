package org.teamstelehealth.notifications;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a patient's phone number is stored under: an HMAC-SHA256 of the number in E.164 form with a key of the
 * service's own ({@code PHONE_HASH_KEY}), base64url. A storage reader without the key cannot turn the keys back into
 * numbers by trying every number of a country (a plain hash of a phone number can be reversed in minutes).
 */
public final class PhoneKeys {
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    public PhoneKeys(byte[] key) {
        this.key = key.clone();
    }

    /**
     * A key derived from another secret of the service's (the join-link key) when no {@code PHONE_HASH_KEY} is set:
     * HMAC(secret, label), so the two keys are independent though one is made from the other.
     */
    public static PhoneKeys derivedFrom(byte[] secret) {
        return new PhoneKeys(hmac(secret, "teams-telehealth phone-key v1".getBytes(StandardCharsets.UTF_8)));
    }

    /** The number as E.164 ({@code +} and digits; spaces, dashes, dots and brackets dropped), if it is one. */
    public static Optional<String> normalized(String phone) {
        if (phone == null) {
            return Optional.empty();
        }
        String compact = phone.replaceAll("[\\s\\-().]", "");
        return compact.matches("\\+[1-9][0-9]{6,14}") ? Optional.of(compact) : Optional.empty();
    }

    /** The storage key of {@code phone}, empty when it is not an E.164 number. */
    public Optional<String> of(String phone) {
        return normalized(phone).map(number -> Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac(key, number.getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] hmac(byte[] key, byte[] input) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(input);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
