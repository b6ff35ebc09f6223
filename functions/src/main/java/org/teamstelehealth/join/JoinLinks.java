package org.teamstelehealth.join;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks the {@code join_telehealth_session} links patients and providers get. A link's token is an
 * HMAC of the appointment, the patient, the participant and the appointment's link nonce, so it cannot be guessed
 * from the sequential ids in the path, needs no storage of its own, keeps working when the meeting moves, and stops
 * working when an admin gives the appointment a new nonce (revoking that appointment's links and no other's).
 *
 * <p>The MAC's input is each field as a 4-byte big-endian length and its UTF-8 bytes, after a version label, so no
 * two different field lists give the same input. How long a link works is not in the token: {@link JoinService}
 * takes it from the appointment's current end, so a link sent before the appointment moved later lives as long.
 *
 * <p>Rows stored before nonces existed have the nonce {@code ""}; for them the links already sent, made with the
 * old newline-joined input, are still accepted until an admin revokes them (which gives the row a nonce).
 */
public final class JoinLinks {
    /** 16 bytes of HMAC: 128 bits, 22 characters of base64url. */
    private static final int TOKEN_BYTES = 16;
    private static final String VERSION = "join-link-v2";

    public enum Participant { PATIENT, PROVIDER }

    private final SecretKeySpec key;
    private final String base;
    /**
     * One MAC per thread, made and keyed once: a feed makes a link per event, and looking the algorithm up and
     * keying it for each cost more than the MAC itself (benchmarks/RESULTS.md, "Feed").
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** @param baseUrl the app's public address including the route prefix, e.g. {@code https://x.azurewebsites.net/api} */
    public JoinLinks(byte[] key, URI baseUrl) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.base = baseUrl.toString().replaceAll("/+$", "");
    }

    /** @param nonce the appointment's {@code linkNonce} */
    public URI link(String appointmentId, String patientId, Participant participant, String nonce) {
        return URI.create(address(appointmentId, patientId, participant, nonce));
    }

    /** {@link #link} as text, for callers that only write it out (a feed writes one per event). */
    public String address(String appointmentId, String patientId, Participant participant, String nonce) {
        return base + "/patients/" + encode(patientId) + "/appointments/" + encode(appointmentId)
                + "/join_telehealth_session?vendor=teams"
                + (participant == Participant.PROVIDER ? "&participant=provider" : "")
                + "&token=" + token(appointmentId, patientId, participant, nonce);
    }

    public String token(String appointmentId, String patientId, Participant participant, String nonce) {
        return truncated(hmac(lengthPrefixed(VERSION, appointmentId, patientId, participant.name(), nonce)));
    }

    /** Constant-time check of a presented token against the appointment's current nonce. */
    public boolean verify(String appointmentId, String patientId, Participant participant, String nonce,
            String presented) {
        if (presented == null) {
            return false;
        }
        byte[] given = presented.getBytes(StandardCharsets.US_ASCII);
        boolean current = MessageDigest.isEqual(ascii(token(appointmentId, patientId, participant, nonce)), given);
        boolean legacy = nonce.isEmpty()
                && MessageDigest.isEqual(ascii(legacyToken(appointmentId, patientId, participant)), given);
        return current | legacy;
    }

    /** The token links sent before nonces existed carry. */
    String legacyToken(String appointmentId, String patientId, Participant participant) {
        return truncated(hmac((appointmentId + "\n" + patientId + "\n" + participant.name())
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] lengthPrefixed(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static String truncated(byte[] mac) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, TOKEN_BYTES));
    }

    private static byte[] ascii(String token) {
        return token.getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] hmac(byte[] message) {
        // doFinal leaves the MAC reset, keyed, for the thread's next call.
        return macs.get().doFinal(message);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String encode(String pathSegment) {
        return java.net.URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
