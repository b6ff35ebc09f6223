package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.Problem;
import org.teamstelehealth.testing.ContractExamples;

class IntakeServiceTest {
    private static final String SECRET = "whsec_dGVsZWhlYWx0aC1jb250cmFjdC10ZXN0LXNlY3JldC0zMmIh";
    private static final String OTHER_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    private static final String JSON = "application/json";

    private final InMemoryReceiptStore receipts = new InMemoryReceiptStore();
    private final InMemoryAppointmentQueue queue = new InMemoryAppointmentQueue();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final IntakeService intake = new IntakeService(
            Verifiers.accepting(List.of(SECRET), Duration.ofMinutes(5), clock),
            ContractValidator.fromClasspath(), receipts, queue, clock);

    static List<String> validExamples() {
        return ContractExamples.valid();
    }

    static List<String> invalidExamples() {
        return ContractExamples.invalid();
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void queuesEveryValidExampleWithItsSnapshot(String example) {
        IntakeService.Outcome outcome = intake.receive(signed("msg_" + example, ContractExamples.body(example)));

        assertEquals(new IntakeService.Queued("msg_" + example), outcome);
        assertEquals(1, queue.messages.size());
        AppointmentMessage message = queue.messages.get(0);
        assertEquals("msg_" + example, message.webhookId());
        assertEquals(NOW, message.receivedAt());
        assertEquals(0, message.attempt());
        assertTrue(receipts.receipts.containsKey("msg_" + example), "the claim on its webhook id");
    }

    @Test
    void theQueuedSnapshotCarriesTheContractFields() {
        intake.receive(signed("msg_1", ContractExamples.body("created.json")));

        AppointmentMessage message = queue.messages.get(0);
        Snapshot snapshot = message.snapshot();
        assertEquals("appointment.created", message.type());
        assertEquals("47", snapshot.id());
        assertEquals(1, snapshot.version());
        assertEquals(Snapshot.Status.BOOKED, snapshot.status());
        assertEquals(OffsetDateTime.parse("2027-03-05T16:00:00+10:30"), snapshot.start());
        assertEquals(30, snapshot.durationMinutes());
        assertEquals("Australia/Adelaide", snapshot.timeZone());
        assertEquals("+61415100919", snapshot.patient().mobilePhone());
        assertEquals("3efbdd46-d280-4b0f-a414-1ff1f3dda63a", snapshot.provider().entraObjectId());
        assertTrue(snapshot.wantsMeeting());
    }

    @Test
    void aDeletionIsQueuedAsOnlyItsIdAndVersion() {
        String body = "{\"type\":\"appointment.deleted\",\"appointment\":{\"id\":\"47\",\"version\":9,\"status\":\"not-checked\"}}";

        intake.receive(signed("msg_del", body));

        Snapshot snapshot = queue.messages.get(0).snapshot();
        assertEquals(Snapshot.deleted("47", 9), snapshot);
        assertTrue(snapshot.isDeletion());
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void rejectsEveryInvalidExampleWith400AndStoresNothing(String example) {
        IntakeService.Outcome outcome = intake.receive(signed("msg_" + example, ContractExamples.body(example)));

        Problem problem = rejected(outcome, 400);
        assertFalse(problem.errors().isEmpty());
        assertTrue(problem.errors().stream().map(Problem.FieldError::pointer).toList()
                .containsAll(ContractValidatorTest.EXPECTED_POINTERS.get(example)), problem.errors().toString());
        assertNothingStored();
    }

    @Test
    void anAcceptedWebhookCostsOneClaimAndOnePutAndNothingElse() {
        IntakeService.Outcome outcome = intake.receive(signed("msg_two", ContractExamples.body("created.json")));

        assertEquals(new IntakeService.Queued("msg_two"), outcome);
        assertEquals(1, receipts.calls, "receipt store calls: the claim");
        assertEquals(1, queue.calls, "queue puts");
    }

    @Test
    void aRepeatedWebhookIdIsADuplicateAndPutAtMostOnceMoreHoweverOftenItComes() {
        String body = ContractExamples.body("created.json");
        intake.receive(signed("msg_dup", body));

        IntakeService.Outcome again = intake.receive(signed("msg_dup", body));
        IntakeService.Outcome third = intake.receive(signed("msg_dup", body));

        assertEquals(new IntakeService.Duplicate("msg_dup"), again);
        assertEquals(new IntakeService.Duplicate("msg_dup"), third);
        // The second copy is the same webhook id and snapshot version: AppointmentServiceTest
        // theSameSnapshotTwiceChangesNothing shows it is applied as a no-op.
        assertEquals(2, queue.messages.size());
        assertEquals(queue.messages.get(0).snapshot(), queue.messages.get(1).snapshot());
        assertTrue(receipts.receipts.get("msg_dup").queued());
    }

    @Test
    void aRepeatAfterAnAttemptThatDiedBetweenClaimAndPutIsQueuedNotLost() throws Exception {
        receipts.recordPending(Receipt.pending("msg_crash", "appointment.created", "47", 1, NOW.minusSeconds(60)));

        IntakeService.Outcome retry = intake.receive(signed("msg_crash", ContractExamples.body("created.json")));

        assertEquals(new IntakeService.Duplicate("msg_crash"), retry);
        assertEquals(1, queue.messages.size());
        assertEquals("msg_crash", queue.messages.get(0).webhookId());
    }

    @Test
    void queueDownAnswers503AndReleasesTheClaim() {
        queue.down = true;

        IntakeService.Outcome outcome = intake.receive(signed("msg_q", ContractExamples.body("created.json")));

        IntakeService.Rejected rejected = assertInstanceOf(IntakeService.Rejected.class, outcome);
        assertEquals(503, rejected.problem().status());
        assertEquals(Optional.of(Duration.ofSeconds(30)), rejected.retryAfter());
        assertFalse(receipts.receipts.containsKey("msg_q"));
    }

    @Test
    void aRetryAfterTheQueueCameBackIsQueuedNotTakenForADuplicate() {
        String body = ContractExamples.body("created.json");
        queue.down = true;
        intake.receive(signed("msg_retry", body));
        queue.down = false;

        IntakeService.Outcome retry = intake.receive(signed("msg_retry", body));

        assertEquals(new IntakeService.Queued("msg_retry"), retry);
        assertEquals(1, queue.messages.size());
    }

    @Test
    void aRetryWhenTheClaimCouldNotBeReleasedIsStillQueued() {
        String body = ContractExamples.body("created.json");
        queue.down = true;
        receipts.releaseFails = true;
        intake.receive(signed("msg_stuck", body));
        queue.down = false;

        IntakeService.Outcome retry = intake.receive(signed("msg_stuck", body));

        assertEquals(new IntakeService.Duplicate("msg_stuck"), retry);
        assertEquals(1, queue.messages.size());
    }

    @Test
    void tableDownAnswers503AndQueuesNothing() {
        receipts.down = true;

        IntakeService.Outcome outcome = intake.receive(signed("msg_t", ContractExamples.body("created.json")));

        assertEquals(503, rejected(outcome, 503).status());
        assertTrue(queue.messages.isEmpty());
    }

    @Test
    void aRepeatWhoseClaimCannotBeMarkedIsStillADuplicateOnTheQueue() {
        String body = ContractExamples.body("created.json");
        intake.receive(signed("msg_m", body));
        receipts.markQueuedFails = true;

        IntakeService.Outcome again = intake.receive(signed("msg_m", body));

        assertEquals(new IntakeService.Duplicate("msg_m"), again);
        assertEquals(2, queue.messages.size());
    }

    @Test
    void aRepeatWhileTheQueueIsDownIs503() {
        String body = ContractExamples.body("created.json");
        receipts.receipts.put("msg_d", Receipt.pending("msg_d", "appointment.created", "47", 1, NOW));
        queue.down = true;

        assertEquals(503, rejected(intake.receive(signed("msg_d", body)), 503).status());
        assertFalse(receipts.receipts.get("msg_d").queued(), "not marked queued: the next repeat must put it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
            "application/jsonx"})
    void aBodyThatIsNotJsonByContentTypeGets415(String contentType) {
        String body = ContractExamples.body("created.json");
        IntakeService.Outcome outcome = intake.receive(withContentType(signed("msg_ct", body), contentType));
        rejected(outcome, 415);
        assertNothingStored();
    }

    @Test
    void aMissingContentTypeGets415() {
        IntakeService.Outcome outcome = intake.receive(withContentType(signed("msg_ct", "{}"), null));
        rejected(outcome, 415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""})
    void jsonWithAUtf8CharsetIsAccepted(String contentType) {
        IntakeService.Outcome outcome = intake.receive(withContentType(signed("msg_cs", ContractExamples.body("created.json")), contentType));
        assertInstanceOf(IntakeService.Queued.class, outcome);
    }

    @Test
    void aBodyOver256KibInUtf8BytesGets413EvenWhenFewerCharacters() {
        // 100,000 'ë' are 100,000 chars but 200,000 bytes; 140,000 of them exceed 262,144 bytes.
        String padded = ContractExamples.body("created.json")
                .replace("Follow-up on blood results", "ë".repeat(140_000));
        assertTrue(padded.length() < IntakeService.MAX_BODY_BYTES);

        IntakeService.Outcome outcome = intake.receive(signed("msg_big", padded));

        rejected(outcome, 413);
        assertNothingStored();
    }

    @Test
    void aBodyOfExactly256KibIsNotTooLarge() {
        String base = "{\"type\":\"appointment.deleted\",\"appointment\":{\"id\":\"47\",\"version\":9},\"pad\":\"\"}";
        String body = base.replace("\"pad\":\"\"", "\"pad\":\"" + "x".repeat(IntakeService.MAX_BODY_BYTES - base.length()) + "\"");
        assertEquals(IntakeService.MAX_BODY_BYTES, body.getBytes(StandardCharsets.UTF_8).length);

        assertInstanceOf(IntakeService.Queued.class, intake.receive(signed("msg_edge", body)));
    }

    @Test
    void aLeapSecondTheSchemaAcceptsButJavaCannotHoldIs400NamingStart() {
        String body = ContractExamples.body("created.json").replace("2027-03-05T16:00:00+10:30", "2016-12-31T23:59:60Z");

        Problem problem = rejected(intake.receive(signed("msg_leap", body)), 400);

        assertEquals(List.of(new Problem.FieldError("/appointment/start", "is not a valid value")), problem.errors());
        assertNothingStored();
    }

    @Test
    void aSnapshotTooLargeForTheQueueGets413BeforeAnythingIsStored() {
        queue.tooSmall = true;

        IntakeService.Outcome outcome = intake.receive(signed("msg_huge", ContractExamples.body("created.json")));

        rejected(outcome, 413);
        assertNothingStored();
    }

    @Test
    void aWrongSignatureGets401ThatDoesNotSayWhyAndStoresNothing() {
        String body = ContractExamples.body("created.json");
        long timestamp = NOW.getEpochSecond();
        IntakeService.SignedWebhook delivery = new IntakeService.SignedWebhook(JSON, "msg_bad", Long.toString(timestamp),
                SignatureVerifier.sign(OTHER_SECRET, "msg_bad", timestamp, body.getBytes(StandardCharsets.UTF_8)), utf8(body));

        Problem problem = rejected(intake.receive(delivery), 401);

        assertEquals("The webhook signature could not be verified.", problem.detail());
        assertNull(problem.errors());
        assertNothingStored();
    }

    @Test
    void anOldTimestampGetsTheSame401() {
        String body = ContractExamples.body("created.json");
        long old = NOW.minus(Duration.ofMinutes(10)).getEpochSecond();
        IntakeService.SignedWebhook delivery = new IntakeService.SignedWebhook(JSON, "msg_old", Long.toString(old),
                SignatureVerifier.sign(SECRET, "msg_old", old, body.getBytes(StandardCharsets.UTF_8)), utf8(body));

        Problem problem = rejected(intake.receive(delivery), 401);

        assertEquals("The webhook signature could not be verified.", problem.detail());
        assertNothingStored();
    }

    @Test
    void theSignatureIsCheckedBeforeTheShape() {
        IntakeService.SignedWebhook unsigned = new IntakeService.SignedWebhook(JSON, "msg_x", Long.toString(NOW.getEpochSecond()),
                null, utf8("not json"));
        rejected(intake.receive(unsigned), 401);
    }

    @Test
    void aSignedBodyThatIsNotUtf8Is400NamingTheEncoding() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};

        Problem problem = rejected(intake.receive(signed("msg_enc", body)), 400);

        assertEquals(List.of(new Problem.FieldError("", "the body is not valid UTF-8 (first bad byte at offset 6)")),
                problem.errors());
        assertNothingStored();
    }

    @Test
    void jsonNestedDeeperThanTheLimitIs400NamingTheDepth() {
        int depth = Json.MAX_NESTING_DEPTH + 1;
        String body = ContractExamples.body("created.json")
                .replace("\"Follow-up on blood results\"", "[".repeat(depth) + "]".repeat(depth));

        Problem problem = rejected(intake.receive(signed("msg_deep", body)), 400);

        assertEquals(1, problem.errors().size(), problem.errors().toString());
        assertEquals("", problem.errors().get(0).pointer());
        assertTrue(problem.errors().get(0).detail().contains("nested deeper than " + Json.MAX_NESTING_DEPTH),
                problem.errors().toString());
        assertNothingStored();
    }

    @Test
    void aDuplicatedKeyIs400NamingItsPointerNotLastOneWins() {
        String body = ContractExamples.body("created.json")
                .replace("\"mobile_phone\": \"+61415100919\",", "\"mobile_phone\": \"+61415100919\", \"mobile_phone\": \"+61400000666\",");

        Problem problem = rejected(intake.receive(signed("msg_dupkey", body)), 400);

        assertEquals(List.of(new Problem.FieldError("/appointment/patient/mobile_phone", "appears more than once")),
                problem.errors());
        assertNothingStored();
    }

    @Test
    void aQuotedLocalPartKeepsTheContractsEmailFormatSoNotificationsAndFeedsMustCopeWithIt() {
        String body = ContractExamples.body("created.json").replace("clintel.test@example.com", "\\\"john..doe\\\"@example.com");

        assertInstanceOf(IntakeService.Queued.class, intake.receive(signed("msg_quoted", body)));
        assertEquals("\"john..doe\"@example.com", queue.messages.get(0).snapshot().patient().email());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() {
        assertEquals(413, intake.refuseDeclaredLength(Long.toString(IntakeService.MAX_BODY_BYTES + 1L)).orElseThrow()
                .problem().status());
        assertEquals(Optional.empty(), intake.refuseDeclaredLength(Long.toString(IntakeService.MAX_BODY_BYTES)));
        assertEquals(Optional.empty(), intake.refuseDeclaredLength(null));
    }

    private IntakeService.SignedWebhook signed(String webhookId, String body) {
        return signed(webhookId, utf8(body));
    }

    private IntakeService.SignedWebhook signed(String webhookId, byte[] body) {
        long timestamp = NOW.getEpochSecond();
        return new IntakeService.SignedWebhook(JSON, webhookId, Long.toString(timestamp),
                SignatureVerifier.sign(SECRET, webhookId, timestamp, body), body);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static IntakeService.SignedWebhook withContentType(IntakeService.SignedWebhook delivery, String contentType) {
        return new IntakeService.SignedWebhook(contentType, delivery.webhookId(), delivery.timestamp(), delivery.signature(),
                delivery.body());
    }

    private static Problem rejected(IntakeService.Outcome outcome, int status) {
        IntakeService.Rejected rejected = assertInstanceOf(IntakeService.Rejected.class, outcome);
        assertEquals(status, rejected.problem().status(), rejected.reason());
        return rejected.problem();
    }

    private void assertNothingStored() {
        assertTrue(queue.messages.isEmpty(), "queued: " + queue.messages.size());
        assertTrue(receipts.receipts.isEmpty(), "receipts: " + receipts.receipts.keySet());
    }
}
