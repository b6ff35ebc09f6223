package org.teamstelehealth.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.join.JoinLinks.Participant;

class JoinLinksTest {
    private static final byte[] KEY = "join-links-test-key-0123456789ab".getBytes(StandardCharsets.US_ASCII);
    private final JoinLinks links = new JoinLinks(KEY, URI.create("https://clinic.example/api//"));

    @Test
    void theTokenIsTheFirst16BytesOfTheHmacOfTheVersionedLengthPrefixedFields() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] expected = Arrays.copyOf(mac.doFinal(lengthPrefixed("join-link-v2", "47", "p-9", "PATIENT", "n1")), 16);

        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected),
                links.token("47", "p-9", Participant.PATIENT, "n1"));
    }

    @Test
    void theAddressIsTheLinkAsTextUnderTheBaseUrlWithoutItsTrailingSlashes() {
        String address = links.address("47", "p 9", Participant.PROVIDER, "n1");

        assertEquals(links.link("47", "p 9", Participant.PROVIDER, "n1").toString(), address);
        assertTrue(address.startsWith("https://clinic.example/api/patients/p%209/appointments/47/join_telehealth_session"
                + "?vendor=teams&participant=provider&token="), address);
        assertTrue(links.verify("47", "p 9", Participant.PROVIDER, "n1", address.substring(address.indexOf("token=") + 6)));
    }

    @Test
    void linksMadeOnManyThreadsAtOnceAreEachTheOneTheirOwnFieldsGive() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> made = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                made.add(threads.submit(() -> {
                    List<String> tokens = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        tokens.add(links.token("a" + thread + "-" + i, "p" + i, Participant.PATIENT, "n" + thread));
                    }
                    return tokens;
                }));
            }
            JoinLinks fresh = new JoinLinks(KEY, URI.create("https://clinic.example/api"));
            for (int t = 0; t < 8; t++) {
                List<String> tokens = made.get(t).get();
                for (int i = 0; i < 500; i++) {
                    assertEquals(fresh.token("a" + t + "-" + i, "p" + i, Participant.PATIENT, "n" + t), tokens.get(i));
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Each field as a big-endian int length then its UTF-8 bytes, written independently of the class. */
    private static byte[] lengthPrefixed(String... fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String field : fields) {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        }
        return bytes.toByteArray();
    }
}
