package org.teamstelehealth.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.teamstelehealth.platform.StandardWebhooks;

/**
 * Checks a webhook's Standard Webhooks signature: {@code webhook-signature} lists {@code v1,<base64>}
 * entries, and the message is authentic when any of them equals
 * {@code HMAC-SHA256(key, id + "." + timestamp + "." + body)} for any accepted secret, compared in
 * constant time, and its timestamp is within the tolerance of now (both ways). The signature itself is
 * {@link StandardWebhooks}'s, which the events sender signs with too.
 */
public final class SignatureVerifier {
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
        if (!StandardWebhooks.anyMatches(signatures, secrets.current(), webhookId, timestamp, body)
                && !StandardWebhooks.anyMatches(signatures, secrets.refreshed(), webhookId, timestamp, body)) {
            throw new WebhookSignatureException("No webhook-signature matches an accepted secret");
        }
        checkTolerance(seconds);
    }

    /**
     * The {@code v1,<base64>} signature a sender puts in {@code webhook-signature}; used by the
     * local sender and by tests.
     */
    public static String sign(String secret, String webhookId, long timestamp, byte[] body) {
        return StandardWebhooks.sign(secret, webhookId, Long.toString(timestamp), body);
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
        List<byte[]> signatures = StandardWebhooks.signatures(header);
        if (signatures.isEmpty()) {
            throw new WebhookSignatureException("webhook-signature has no v1 signature");
        }
        return signatures;
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

    private static Duration requirePositive(Duration tolerance) {
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("The timestamp tolerance must be positive");
        }
        return tolerance;
    }
}
