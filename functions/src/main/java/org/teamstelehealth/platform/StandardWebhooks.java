package org.teamstelehealth.platform;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> signature, both ways: intake checks the
 * PMS's webhooks with it, the events sender signs ours. A signature is
 * {@code v1,base64(HMAC-SHA256(key, webhook-id + "." + webhook-timestamp + "." + body))}, where {@code key} is the
 * base64-decoded part of a {@code whsec_<base64>} secret; {@code webhook-signature} lists one per secret,
 * space-separated (two while a secret is rotated).
 */
public final class StandardWebhooks {
    public static final String SECRET_PREFIX = "whsec_";
    public static final String VERSION = "v1";

    private StandardWebhooks() {}

    /** The {@code v1,<base64>} signature of one message with one secret. */
    public static String sign(String secret, String webhookId, String timestamp, byte[] body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(secret, webhookId, timestamp, body));
    }

    /** The {@code webhook-signature} header value: one signature per secret, space-separated. */
    public static String signatureHeader(List<String> secrets, String webhookId, String timestamp, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("No signing secret");
        }
        return secrets.stream().map(secret -> sign(secret, webhookId, timestamp, body)).collect(Collectors.joining(" "));
    }

    /**
     * The decoded {@code v1} signatures of a {@code webhook-signature} header; entries of other versions, and ones
     * that are not base64, are left out (one bad entry does not spoil the others). Empty when none is usable.
     */
    public static List<byte[]> signatures(String header) {
        List<byte[]> signatures = new ArrayList<>();
        if (header == null) {
            return signatures;
        }
        for (String entry : header.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma > 0 && entry.substring(0, comma).equals(VERSION)) {
                try {
                    signatures.add(Base64.getDecoder().decode(entry.substring(comma + 1)));
                } catch (IllegalArgumentException notBase64) {
                    // left out
                }
            }
        }
        return signatures;
    }

    /**
     * Whether any of {@code signatures} (decoded {@code v1} values) is the MAC of the message under any of
     * {@code secrets}: compared in constant time, with no early exit, so the time taken does not reveal which
     * entry or secret matched.
     */
    public static boolean anyMatches(List<byte[]> signatures, List<String> secrets, String webhookId, String timestamp,
            byte[] body) {
        boolean matched = false;
        for (String secret : secrets) {
            byte[] expected = mac(secret, webhookId, timestamp, body);
            for (byte[] signature : signatures) {
                matched |= MessageDigest.isEqual(expected, signature);
            }
        }
        return matched;
    }

    private static byte[] mac(String secret, String webhookId, String timestamp, byte[] body) {
        byte[] prefix = (webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The key of a {@code whsec_<base64>} secret; the message of a bad one never includes the secret. */
    static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("A webhook secret must start with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A webhook secret must be " + SECRET_PREFIX + "<base64>");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("A webhook secret must not be empty");
        }
        return key;
    }
}
