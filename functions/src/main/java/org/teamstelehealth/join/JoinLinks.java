package org.teamstelehealth.join;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks the {@code join_telehealth_session} links patients and providers get. A link's
 * token is an HMAC of the appointment, the patient and the participant, so it cannot be guessed
 * from the sequential ids in the path, needs no storage, and keeps working when the meeting moves.
 */
public final class JoinLinks {
    /** 16 bytes of HMAC: 128 bits, 22 characters of base64url. */
    private static final int TOKEN_BYTES = 16;

    public enum Participant { PATIENT, PROVIDER }

    private final byte[] key;
    private final URI baseUrl;

    /** @param baseUrl the app's public address including the route prefix, e.g. {@code https://x.azurewebsites.net/api} */
    public JoinLinks(byte[] key, URI baseUrl) {
        this.key = key.clone();
        this.baseUrl = baseUrl;
    }

    public URI link(String appointmentId, String patientId, Participant participant) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        String query = "vendor=teams"
                + (participant == Participant.PROVIDER ? "&participant=provider" : "")
                + "&token=" + token(appointmentId, patientId, participant);
        return URI.create(base + "/patients/" + encode(patientId) + "/appointments/" + encode(appointmentId)
                + "/join_telehealth_session?" + query);
    }

    public String token(String appointmentId, String patientId, Participant participant) {
        byte[] mac = hmac(appointmentId + "\n" + patientId + "\n" + participant.name());
        byte[] truncated = java.util.Arrays.copyOf(mac, TOKEN_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(truncated);
    }

    /** Constant-time check of a presented token. */
    public boolean verify(String appointmentId, String patientId, Participant participant, String presented) {
        if (presented == null) {
            return false;
        }
        byte[] expected = token(appointmentId, patientId, participant).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String encode(String pathSegment) {
        return java.net.URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
