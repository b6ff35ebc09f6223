package org.teamstelehealth.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook's Standard Webhooks signature: {@code webhook-signature} lists {@code v1,<base64>}
 * entries, and the message is authentic when any of them equals
 * {@code HMAC-SHA256(key, id + "." + timestamp + "." + body)} for any accepted secret, compared in
 * constant time, and its timestamp is within the tolerance of now (both ways).
 */
public final class SignatureVerifier {
    private static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION = "v1";
    private static final int MAX_ID_LENGTH = 256;

    private final AcceptedSecrets secrets;
    private final Duration tolerance;
    private final Clock clock;

    /**
     * @param secrets the accepted {@code whsec_<base64>} secrets (two while one is being rotated), read on
     *     every request, so a rotated secret is accepted without a restart
     * @param tolerance how far the timestamp may be from the clock's now, in either direction
     */
    public SignatureVerifier(AcceptedSecrets secrets, Duration tolerance, Clock clock) {
        this.secrets = secrets;
        this.tolerance = requirePositive(tolerance);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws WebhookSignatureException if a header is missing or malformed, no signature matches, or
     *     the timestamp is out of tolerance
     * @throws StorageUnavailableException if the accepted secrets cannot be read right now
     */
    public void verify(String webhookId, String timestamp, String signatureHeader, byte[] body)
            throws WebhookSignatureException, StorageUnavailableException {
        checkId(webhookId);
        long seconds = parseTimestamp(timestamp);
        List<byte[]> signatures = parseSignatures(signatureHeader);
        byte[] content = signedContent(webhookId, timestamp, body);
        if (!anyMatches(signatures, content, secrets.current())
                && !anyMatches(signatures, content, secrets.refreshed())) {
            throw new WebhookSignatureException("No webhook-signature matches an accepted secret");
        }
        checkTolerance(seconds);
    }

    /**
     * The {@code v1,<base64>} signature a sender puts in {@code webhook-signature}; used by the
     * local sender and by tests.
     */
    public static String sign(String secret, String webhookId, long timestamp, byte[] body) {
        byte[] mac = hmac(key(secret), signedContent(webhookId, Long.toString(timestamp), body));
        return VERSION + "," + Base64.getEncoder().encodeToString(mac);
    }

    private static void checkId(String webhookId) throws WebhookSignatureException {
        if (webhookId == null || webhookId.isBlank()) {
            throw new WebhookSignatureException("webhook-id is missing");
        }
        if (webhookId.length() > MAX_ID_LENGTH || webhookId.chars().anyMatch(Character::isISOControl)) {
            throw new WebhookSignatureException("webhook-id is malformed");
        }
    }

    private static long parseTimestamp(String timestamp) throws WebhookSignatureException {
        if (timestamp == null || timestamp.isBlank()) {
            throw new WebhookSignatureException("webhook-timestamp is missing");
        }
        if (!timestamp.matches("[0-9]{1,12}")) {
            throw new WebhookSignatureException("webhook-timestamp is not integer seconds");
        }
        return Long.parseLong(timestamp);
    }

    private static List<byte[]> parseSignatures(String header) throws WebhookSignatureException {
        if (header == null || header.isBlank()) {
            throw new WebhookSignatureException("webhook-signature is missing");
        }
        List<byte[]> signatures = new ArrayList<>();
        for (String entry : header.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma > 0 && entry.substring(0, comma).equals(VERSION)) {
                try {
                    signatures.add(Base64.getDecoder().decode(entry.substring(comma + 1)));
                } catch (IllegalArgumentException notBase64) {
                    // One bad entry does not spoil the others; if none is usable we fail below.
                }
            }
        }
        if (signatures.isEmpty()) {
            throw new WebhookSignatureException("webhook-signature has no v1 signature");
        }
        return signatures;
    }

    private static boolean anyMatches(List<byte[]> signatures, byte[] content, List<String> accepted) {
        boolean matched = false;
        for (String secret : accepted) {
            byte[] expected = hmac(key(secret), content);
            for (byte[] signature : signatures) {
                // No early exit: the time taken does not reveal which entry or secret matched.
                matched |= MessageDigest.isEqual(expected, signature);
            }
        }
        return matched;
    }

    private void checkTolerance(long seconds) throws WebhookSignatureException {
        Instant now = clock.instant();
        Instant sent = Instant.ofEpochSecond(seconds);
        if (sent.isBefore(now.minus(tolerance))) {
            throw new WebhookSignatureException("webhook-timestamp is too old");
        }
        if (sent.isAfter(now.plus(tolerance))) {
            throw new WebhookSignatureException("webhook-timestamp is in the future");
        }
    }

    private static byte[] signedContent(String webhookId, String timestamp, byte[] body) {
        byte[] prefix = (webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("A webhook secret must start with " + SECRET_PREFIX);
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            if (key.length == 0) {
                throw new IllegalArgumentException("A webhook secret must not be empty");
            }
            return key;
        } catch (IllegalArgumentException e) {
            // Never include the secret itself in the message.
            throw new IllegalArgumentException("A webhook secret must be " + SECRET_PREFIX + "<base64>");
        }
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static Duration requirePositive(Duration tolerance) {
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("The timestamp tolerance must be positive");
        }
        return tolerance;
    }
}
