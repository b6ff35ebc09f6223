package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureVerifierTest {
    // The contract's known-answer vectors.
    private static final String SECRET_1 = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID_1 = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP_1 = "1614265330";
    private static final String BODY_1 = "{\"test\": 2432232314}";
    private static final String SIGNATURE_1 = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final String SECRET_2 = "whsec_dGVsZWhlYWx0aC1jb250cmFjdC10ZXN0LXNlY3JldC0zMmIh";
    private static final String ID_2 = "msg_2Kf9cQ3x1ZbE7Yh0";
    private static final String TIMESTAMP_2 = "1727415720";
    private static final String BODY_2 = "{\"type\":\"appointment.created\",\"appointment\":{\"id\":\"47\",\"version\":1}}";
    private static final String SIGNATURE_2 = "v1,wpfHYxgEVxH3FapghNLv3PAKwejA2XJuezc1H2tFbiU=";

    private static final Instant NOW = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP_2));
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final SignatureVerifier atSendTime =
            Verifiers.accepting(List.of(SECRET_2), FIVE_MINUTES, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void firstKnownAnswerVectorVerifies() {
        assertDoesNotThrow(() -> Verifiers.atTimestamp(SECRET_1, TIMESTAMP_1)
                .verify(ID_1, TIMESTAMP_1, SIGNATURE_1, bytes(BODY_1)));
    }

    @Test
    void secondKnownAnswerVectorVerifies() {
        assertDoesNotThrow(() -> Verifiers.atTimestamp(SECRET_2, TIMESTAMP_2)
                .verify(ID_2, TIMESTAMP_2, SIGNATURE_2, bytes(BODY_2)));
    }

    @Test
    void signingHelperReproducesBothVectors() {
        assertEquals(SIGNATURE_1, SignatureVerifier.sign(SECRET_1, ID_1, Long.parseLong(TIMESTAMP_1), bytes(BODY_1)));
        assertEquals(SIGNATURE_2, SignatureVerifier.sign(SECRET_2, ID_2, Long.parseLong(TIMESTAMP_2), bytes(BODY_2)));
    }

    @Test
    void acceptsAFreshlySignedMessageWithinTolerance() {
        assertDoesNotThrow(() -> atSendTime.verify(ID_2, TIMESTAMP_2, SIGNATURE_2, bytes(BODY_2)));
    }

    @Test
    void rejectsATamperedBody() {
        String tampered = BODY_2.replace("\"version\":1", "\"version\":2");
        assertThrows(WebhookSignatureException.class,
                () -> atSendTime.verify(ID_2, TIMESTAMP_2, SIGNATURE_2, bytes(tampered)));
    }

    @Test
    void rejectsATamperedIdOrTimestamp() {
        assertThrows(WebhookSignatureException.class,
                () -> atSendTime.verify("msg_other", TIMESTAMP_2, SIGNATURE_2, bytes(BODY_2)));
        String oneSecondLater = Long.toString(Long.parseLong(TIMESTAMP_2) + 1);
        assertThrows(WebhookSignatureException.class,
                () -> atSendTime.verify(ID_2, oneSecondLater, SIGNATURE_2, bytes(BODY_2)));
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        SignatureVerifier verifier = Verifiers.accepting(List.of(SECRET_1), FIVE_MINUTES, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(WebhookSignatureException.class,
                () -> verifier.verify(ID_2, TIMESTAMP_2, SIGNATURE_2, bytes(BODY_2)));
    }

    @Test
    void acceptsEitherSecretWhileOneIsBeingRotated() {
        SignatureVerifier rotating = Verifiers.accepting(List.of(SECRET_1, SECRET_2), FIVE_MINUTES,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertDoesNotThrow(() -> rotating.verify(ID_2, TIMESTAMP_2, SIGNATURE_2, bytes(BODY_2)));
        String signedWithFirst = SignatureVerifier.sign(SECRET_1, ID_2, Long.parseLong(TIMESTAMP_2), bytes(BODY_2));
        assertDoesNotThrow(() -> rotating.verify(ID_2, TIMESTAMP_2, signedWithFirst, bytes(BODY_2)));
    }

    @Test
    void acceptsWhenAnyListedSignatureMatches() {
        String wrong = SignatureVerifier.sign(SECRET_1, ID_2, Long.parseLong(TIMESTAMP_2), bytes(BODY_2));
        assertDoesNotThrow(() -> atSendTime.verify(ID_2, TIMESTAMP_2, wrong + " v1a,ignored " + SIGNATURE_2, bytes(BODY_2)));
    }

    @Test
    void rejectsATimestampOlderThanTheTolerance() {
        SignatureVerifier sixMinutesLater = Verifiers.accepting(List.of(SECRET_2), FIVE_MINUTES,
                Clock.fixed(NOW.plus(Duration.ofMinutes(6)), ZoneOffset.UTC));
        assertThrows(WebhookSignatureException.class,
                () -> sixMinutesLater.verify(ID_2, TIMESTAMP_2, SIGNATURE_2, bytes(BODY_2)));
    }

    @Test
    void rejectsATimestampTooFarInTheFuture() {
        SignatureVerifier sixMinutesEarlier = Verifiers.accepting(List.of(SECRET_2), FIVE_MINUTES,
                Clock.fixed(NOW.minus(Duration.ofMinutes(6)), ZoneOffset.UTC));
        assertThrows(WebhookSignatureException.class,
                () -> sixMinutesEarlier.verify(ID_2, TIMESTAMP_2, SIGNATURE_2, bytes(BODY_2)));
    }

    @Test
    void acceptsATimestampJustInsideTheTolerance() {
        SignatureVerifier almostFiveMinutesLater = Verifiers.accepting(List.of(SECRET_2), FIVE_MINUTES,
                Clock.fixed(NOW.plus(Duration.ofSeconds(299)), ZoneOffset.UTC));
        assertDoesNotThrow(() -> almostFiveMinutesLater.verify(ID_2, TIMESTAMP_2, SIGNATURE_2, bytes(BODY_2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "v1,", "v1,not base64!", "v2,wpfHYxgEVxH3FapghNLv3PAKwejA2XJuezc1H2tFbiU=",
            "wpfHYxgEVxH3FapghNLv3PAKwejA2XJuezc1H2tFbiU="})
    void rejectsAMalformedSignatureHeader(String header) {
        assertThrows(WebhookSignatureException.class, () -> atSendTime.verify(ID_2, TIMESTAMP_2, header, bytes(BODY_2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "1727415720.5", "-1727415720", "1727415720000000000"})
    void rejectsAMalformedTimestamp(String timestamp) {
        assertThrows(WebhookSignatureException.class, () -> atSendTime.verify(ID_2, timestamp, SIGNATURE_2, bytes(BODY_2)));
    }

    @Test
    void rejectsMissingHeaders() {
        assertThrows(WebhookSignatureException.class, () -> atSendTime.verify(null, TIMESTAMP_2, SIGNATURE_2, bytes(BODY_2)));
        assertThrows(WebhookSignatureException.class, () -> atSendTime.verify(ID_2, null, SIGNATURE_2, bytes(BODY_2)));
        assertThrows(WebhookSignatureException.class, () -> atSendTime.verify(ID_2, TIMESTAMP_2, null, bytes(BODY_2)));
    }

    @Test
    void refusesASecretWithoutThePrefixWithoutQuotingIt() {
        SignatureVerifier withoutPrefix = Verifiers.accepting(List.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), FIVE_MINUTES,
                Clock.fixed(NOW, ZoneOffset.UTC));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withoutPrefix.verify(ID_2, TIMESTAMP_2, SIGNATURE_2, bytes(BODY_2)));
        assertEquals(false, e.getMessage().contains("MfKQ9r8"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
