package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.TestSettings;

/**
 * Deliveries that are not authentic (wrong secret, altered or truncated signature, another scheme, a
 * missing or malformed header, a timestamp out of tolerance or not integer seconds, a body altered
 * after signing, headers repeated as the host joins them), with valid and invalid bodies alike: always
 * the same 401 (never a 400 telling an unauthenticated caller about the body, never a 5xx), and nothing
 * queued or stored. The seed is fixed, so a failure reproduces.
 */
class IntakeAuthFuzzTest {
    private static final long NOW = IntakeFuzzTest.NOW.getEpochSecond();
    private static final String REFUSED = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"The webhook signature could not be verified.\"}";

    /** One delivery's headers (lower-cased, as the host hands them) and body. */
    record Delivery(Map<String, String> headers, byte[] body) {
        static Delivery signed(String id, long timestamp, byte[] body) {
            return signedWith(TestSettings.WEBHOOK_SECRET, id, Long.toString(timestamp), body);
        }

        static Delivery signedWith(String secret, String id, String timestamp, byte[] body) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", "application/json");
            headers.put("webhook-id", id);
            headers.put("webhook-timestamp", timestamp);
            headers.put("webhook-signature", signature(secret, id, timestamp, body));
            return new Delivery(headers, body);
        }

        Delivery with(String header, String value) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            if (value == null) {
                changed.remove(header);
            } else {
                changed.put(header, value);
            }
            return new Delivery(changed, body);
        }
    }

    /** A way of making a delivery inauthentic, named for the report. */
    record Fault(String name, UnaryOperator<Delivery> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Property(tries = 1000, seed = "4242424242")
    void aDeliveryThatIsNotAuthenticGets401AndNothingIsStored(@ForAll("bodies") String example, @ForAll("faults") Fault fault,
            @ForAll("ids") String id) {
        InMemoryReceiptStore receipts = new InMemoryReceiptStore();
        InMemoryAppointmentQueue queue = new InMemoryAppointmentQueue();
        Delivery delivery = fault.apply().apply(Delivery.signed(id, NOW, ContractExamples.body(example).getBytes(StandardCharsets.UTF_8)));

        FakeHttpRequest.Response response = post(IntakeFuzzTest.function(receipts, queue), delivery);

        assertEquals(401, response.status(), fault + " on " + example);
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        assertEquals(REFUSED, response.bodyText(), "the same answer whichever check failed");
        assertEquals(0, queue.messages.size(), "queued");
        assertEquals(0, receipts.receipts.size(), "stored");
    }

    @Property(tries = 200, seed = "4242424243")
    void aTimestampWithinFiveMinutesEitherWayIsAccepted(@ForAll("withinTolerance") long skew, @ForAll("ids") String id) {
        InMemoryAppointmentQueue queue = new InMemoryAppointmentQueue();
        Delivery delivery = Delivery.signed(id, NOW + skew, ContractExamples.body("created.json").getBytes(StandardCharsets.UTF_8));

        FakeHttpRequest.Response response = post(IntakeFuzzTest.function(new InMemoryReceiptStore(), queue), delivery);

        assertEquals(202, response.status(), "skew " + skew);
        assertEquals(1, queue.messages.size());
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.of(concat(ContractExamples.valid(), ContractExamples.invalid()));
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().alpha().numeric().withChars('_', '-').ofMinLength(1).ofMaxLength(40).map(s -> "msg_" + s);
    }

    @Provide
    Arbitrary<Long> withinTolerance() {
        return Arbitraries.longs().between(-300, 300);
    }

    @Provide
    Arbitrary<Fault> faults() {
        return Arbitraries.oneOf(List.of(
                wrongSecret(), truncatedSignature(), alteredSignature(), otherScheme(), missingOrEmptyHeader(),
                timestampOutOfTolerance(), timestampNotIntegerSeconds(), malformedId(), bodyAlteredAfterSigning(),
                repeatedHeader(), manyWrongSignatures()));
    }

    private static Arbitrary<Fault> wrongSecret() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64)
                .map(key -> "whsec_" + Base64.getEncoder().encodeToString(key))
                .filter(secret -> !secret.equals(TestSettings.WEBHOOK_SECRET))
                .map(secret -> new Fault("signed with another secret", d -> Delivery.signedWith(secret,
                        d.headers().get("webhook-id"), d.headers().get("webhook-timestamp"), d.body())));
    }

    private static Arbitrary<Fault> truncatedSignature() {
        // 43 would only drop the "=" padding, which the decoder does not need: the same signature.
        return Arbitraries.integers().between(0, 42).map(keep -> new Fault("signature cut to " + keep + " characters",
                d -> d.with("webhook-signature", "v1," + sig(d).substring(0, keep))));
    }

    private static Arbitrary<Fault> alteredSignature() {
        // Not character 42: only its high four bits carry the MAC (the decoder ignores the last two), so
        // some changes there decode to the same signature.
        return Combinators.combine(Arbitraries.integers().between(0, 41), Arbitraries.chars().with(BASE64))
                .as((at, c) -> new Fault("signature character " + at + " changed", d -> {
                    char[] chars = sig(d).toCharArray();
                    chars[at] = chars[at] == c ? (c == 'A' ? 'B' : 'A') : c;
                    return d.with("webhook-signature", "v1," + new String(chars));
                }));
    }

    private static Arbitrary<Fault> otherScheme() {
        return Arbitraries.of("v2,", "V1,", "v1a,", "v0,", ",", "v1;", "v1 ,", "whsec,", "").map(prefix ->
                new Fault("scheme '" + prefix + "'", d -> d.with("webhook-signature", prefix + sig(d))));
    }

    private static Arbitrary<Fault> missingOrEmptyHeader() {
        return Combinators.combine(Arbitraries.of("webhook-id", "webhook-timestamp", "webhook-signature"),
                Arbitraries.of((String) null, "", " ", "\t"))
                .as((header, value) -> new Fault(header + (value == null ? " missing" : " blank"), d -> d.with(header, value)));
    }

    private static Arbitrary<Fault> timestampOutOfTolerance() {
        Arbitrary<Long> skew = Arbitraries.oneOf(List.of(Arbitraries.longs().between(301, 10_000_000_000L),
                Arbitraries.longs().between(-NOW, -301)));
        return skew.map(s -> new Fault("timestamp " + s + " s off, signed", d -> Delivery.signedWith(TestSettings.WEBHOOK_SECRET,
                d.headers().get("webhook-id"), Long.toString(NOW + s), d.body())));
    }

    private static Arbitrary<Fault> timestampNotIntegerSeconds() {
        Arbitrary<String> garbage = Arbitraries.oneOf(List.of(
                Arbitraries.of("-1", "+" + NOW, " " + NOW, NOW + " ", NOW + ".0", NOW + "000", "1e9", "0x" + Long.toHexString(NOW),
                        "\uFF11\uFF16\uFF10\uFF10", "9999999999999", "99999999999999999999", "NaN", NOW + "," + NOW,
                        "2027-03-01T00:00:00Z"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(20).filter(s -> !s.matches("[0-9]{1,12}"))));
        return garbage.map(ts -> new Fault("timestamp '" + printable(ts) + "', signed", d -> Delivery.signedWith(
                TestSettings.WEBHOOK_SECRET, d.headers().get("webhook-id"), ts, d.body())));
    }

    private static Arbitrary<Fault> malformedId() {
        Arbitrary<String> id = Arbitraries.oneOf(List.of(
                Arbitraries.strings().alpha().ofMinLength(257).ofMaxLength(5000),
                Arbitraries.chars().range('\u0000', '\u001f').map(c -> "msg_" + c + "x")));
        return id.map(bad -> new Fault("webhook-id of " + bad.length() + " characters or with a control character, signed",
                d -> Delivery.signedWith(TestSettings.WEBHOOK_SECRET, bad, d.headers().get("webhook-timestamp"), d.body())));
    }

    private static Arbitrary<Fault> bodyAlteredAfterSigning() {
        return Arbitraries.integers().between(0, 10_000).map(at -> new Fault("body byte " + at + " changed after signing", d -> {
            byte[] body = d.body().clone();
            int i = at % body.length;
            body[i] = (byte) (body[i] ^ 0x01);
            return new Delivery(d.headers(), body);
        }));
    }

    /** The Functions host joins a repeated header's values with a comma. */
    private static Arbitrary<Fault> repeatedHeader() {
        return Combinators.combine(Arbitraries.of("webhook-id", "webhook-timestamp"), Arbitraries.of(",", ", "))
                .as((header, joiner) -> new Fault(header + " sent twice", d ->
                        d.with(header, d.headers().get(header) + joiner + d.headers().get(header))));
    }

    private static Arbitrary<Fault> manyWrongSignatures() {
        return Arbitraries.integers().between(2, 200).map(n -> new Fault(n + " signatures, none genuine", d -> {
            StringBuilder header = new StringBuilder();
            for (int i = 0; i < n; i++) {
                header.append(i == 0 ? "" : " ").append("v1,").append(Base64.getEncoder().encodeToString(new byte[] {(byte) i, 1, 2}));
            }
            return d.with("webhook-signature", header.toString());
        }));
    }

    private static final char[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private static String sig(Delivery d) {
        return d.headers().get("webhook-signature").substring(3);
    }

    private static String signature(String secret, String id, String timestamp, byte[] body) {
        // SignatureVerifier.sign takes a numeric timestamp; this signs whatever the header says, as a forger would.
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String printable(String s) {
        return s.chars().mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce("", String::concat);
    }

    private static FakeHttpRequest.Response post(IntakeFunction function, Delivery delivery) {
        FakeHttpRequest request = FakeHttpRequest.post("/api/webhooks/appointments").body(delivery.body());
        delivery.headers().forEach(request::header);
        return FakeHttpRequest.response(function.run(request.binary(), FakeExecutionContext.of("intake")));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
