package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.PeekedMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.TestSettings;

/** The webhook route end to end: fake HTTP request in, real adapters against Azurite. */
class IntakeFunctionTest {
    private static final String ROUTE = "/api/webhooks/appointments";
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final StorageClients storage = new StorageClients(TestSettings.settings().storage());
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String queueName = "appointments-" + suffix;
    private final String tableName = "receipts" + suffix;
    private final IntakeFunction function = new IntakeFunction(new IntakeService(
            Verifiers.accepting(List.of(TestSettings.WEBHOOK_SECRET), Duration.ofMinutes(5), CLOCK),
            ContractValidator.fromClasspath(),
            new TableReceiptStore(() -> storage.table(tableName), Duration.ofSeconds(10)),
            new StorageQueueAppointmentQueue(() -> storage.queue(queueName), Duration.ofSeconds(10)),
            CLOCK));

    private final WireTable wire = new WireTable(storage, tableName);
    private final AtomicInteger queuePuts = new AtomicInteger();
    private final IntakeFunction counted = counted();

    static List<String> validExamples() {
        return ContractExamples.valid();
    }

    static List<String> invalidExamples() {
        return ContractExamples.invalid();
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void everyValidExampleSignedIsAcceptedAndQueued(String example) {
        String id = "msg_" + UUID.randomUUID();

        FakeHttpRequest.Response response = post(signed(id, ContractExamples.body(example)));

        assertEquals(202, response.status(), response.toString());
        assertEquals("application/json", response.getHeader("Content-Type"));
        assertEquals(id, response.json().get("id").asText());
        assertEquals("queued", response.json().get("status").asText());
        List<AppointmentMessage> queued = queued();
        assertEquals(1, queued.size());
        assertEquals(id, queued.get(0).webhookId());
        String appointmentId = Json.read(ContractExamples.body(example), JsonNode.class).path("appointment").path("id").asText();
        assertEquals(appointmentId, queued.get(0).snapshot().id());
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void everyInvalidExampleGets400NamingTheFieldAndNothingIsQueued(String example) {
        FakeHttpRequest.Response response = post(signed("msg_" + UUID.randomUUID(), ContractExamples.body(example)));

        assertEquals(400, response.status(), response.toString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        JsonNode problem = response.json();
        assertEquals(400, problem.get("status").asInt());
        Set<String> expected = ContractValidatorTest.EXPECTED_POINTERS.get(example);
        List<String> pointers = new ArrayList<>();
        problem.get("errors").forEach(error -> pointers.add(error.get("pointer").asText()));
        assertTrue(pointers.containsAll(expected), example + " should name " + expected + ": " + pointers);
        assertEquals(List.of(), queued());
        assertEquals(0, storage.table(tableName).listEntities().stream().count(), "a receipt was stored");
    }

    @Test
    void aDuplicateGets200AndIsQueuedOnceMoreAtMost() {
        FakeHttpRequest first = signed("msg_dup_" + suffix, ContractExamples.body("created.json"));
        assertEquals(202, post(first).status());

        FakeHttpRequest.Response again = post(signed("msg_dup_" + suffix, ContractExamples.body("created.json")));

        assertEquals(200, again.status(), again.toString());
        assertTrue(again.json().get("duplicate").asBoolean());
        assertEquals("msg_dup_" + suffix, again.json().get("id").asText());
        assertEquals(2, queued().size(), "put once more: the claim alone cannot say the first put happened");
        assertEquals(queued().get(0).snapshot(), queued().get(1).snapshot());
    }

    @Test
    void anAcceptedWebhookTakesOneTableCallAndOneQueuePutOnTheWireAndARepeatIsQueuedOnceMoreAtMost() {
        String id = "msg_count_" + suffix;

        FakeHttpRequest.Response first = postCounted(id);

        assertEquals(202, first.status(), first.toString());
        assertEquals(List.of("POST /" + Azurite.ACCOUNT + "/" + tableName), wire.calls, "table round trips: the claim");
        assertEquals(1, queuePuts.get(), "queue round trips");
        for (int repeat = 0; repeat < 3; repeat++) {
            assertEquals(200, postCounted(id).status());
        }
        assertEquals(2, queued().size(), "the first repeat puts it once more (harmless), later ones do not");
    }

    @Test
    void aClaimRecordedWhoseAnswerWasLostIs503AndTheRetryIsQueuedNotLost() {
        String id = "msg_lost_" + suffix;
        wire.loseNextInsertAnswer();

        FakeHttpRequest.Response first = postCounted(id);

        assertEquals(503, first.status(), "storage acted but intake cannot know: " + first);
        assertEquals("30", first.getHeader("Retry-After"));
        assertEquals(List.of(), queued());
        FakeHttpRequest.Response retry = postCounted(id);
        assertEquals(200, retry.status(), "the retry finds the claim: " + retry);
        assertEquals(200, postCounted(id).status());
        assertEquals(List.of(id), queued().stream().map(AppointmentMessage::webhookId).toList(), "queued once, not lost");
    }

    private FakeHttpRequest.Response postCounted(String webhookId) {
        return FakeHttpRequest.response(counted.run(signed(webhookId, ContractExamples.body("created.json")).binary(),
                FakeExecutionContext.of("intake")));
    }

    /** The route on real adapters whose every storage request is counted on the wire. */
    private IntakeFunction counted() {
        storage.queue(queueName);
        QueueClient queue = new QueueClientBuilder().connectionString(Azurite.shared().connectionString()).queueName(queueName)
                .messageEncoding(QueueMessageEncoding.BASE64)
                .addPolicy((context, next) -> {
                    queuePuts.incrementAndGet();
                    return next.process();
                })
                .buildClient();
        return new IntakeFunction(new IntakeService(
                Verifiers.accepting(List.of(TestSettings.WEBHOOK_SECRET), Duration.ofMinutes(5), CLOCK),
                ContractValidator.fromClasspath(), new TableReceiptStore(wire, Duration.ofSeconds(10)),
                new StorageQueueAppointmentQueue(() -> queue, Duration.ofSeconds(10)), CLOCK));
    }

    @Test
    void aBadSignatureGetsAProblemThatDoesNotSayWhichCheckFailed() {
        FakeHttpRequest request = signed("msg_sig", ContractExamples.body("created.json"))
                .header("webhook-signature", "v1,AAAA");

        FakeHttpRequest.Response response = post(request);

        assertEquals(401, response.status());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        String text = response.bodyText().toLowerCase();
        assertFalse(text.contains("secret") || text.contains("timestamp") || text.contains("match"), text);
        assertEquals(List.of(), queued());
    }

    @Test
    void wrongContentTypeGets415ProblemJson() {
        FakeHttpRequest request = signed("msg_ct", ContractExamples.body("created.json")).header("content-type", "text/plain");

        FakeHttpRequest.Response response = post(request);

        assertEquals(415, response.status());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
    }

    @Test
    void storageDownGets503WithRetryAfter() {
        IntakeFunction down = new IntakeFunction(new IntakeService(
                Verifiers.accepting(List.of(TestSettings.WEBHOOK_SECRET), Duration.ofMinutes(5), CLOCK),
                ContractValidator.fromClasspath(), new InMemoryReceiptStore(), downQueue(), CLOCK));

        FakeHttpRequest request = signed("msg_down", ContractExamples.body("created.json"));
        FakeHttpRequest.Response response = FakeHttpRequest.response(down.run(request.binary(), FakeExecutionContext.of("intake")));

        assertEquals(503, response.status());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        assertEquals("30", response.getHeader("Retry-After"));
    }

    @Test
    void theApplicationWiresTheRouteToTheSharedStorage() {
        Application application = new Application(TestSettings.settings(), CLOCK);
        IntakeFunction wired = application.function(IntakeFunction.class);
        String id = "msg_app_" + suffix;

        FakeHttpRequest.Response response = FakeHttpRequest.response(
                wired.run(signed(id, ContractExamples.body("deleted.json")).binary(), FakeExecutionContext.of("intake")));

        assertEquals(202, response.status(), response.toString());
        assertEquals(id, application.storage().table(TableReceiptStore.TABLE).getEntity(id, id).getProperty("WebhookId"));
    }

    @Test
    void aSignedBodyThatIsNotUtf8Gets400NamingTheEncodingNot401() {
        byte[] latin1 = ContractExamples.body("created.json").replace("Clintel Test", "Zoë Test")
                .getBytes(StandardCharsets.ISO_8859_1);

        FakeHttpRequest.Response response = post(signed("msg_latin1_" + suffix, latin1));

        assertEquals(400, response.status(), response.toString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        assertTrue(response.bodyText().contains("UTF-8"), response.bodyText());
        assertEquals(List.of(), queued());
    }

    @Test
    void aGenuineSignatureOverUnusualButValidBytesIsAcceptedAndTheTextKeptAsSent() {
        // U+2028 (a JavaScript line terminator), CRLF line ends, and "é" as e + combining acute (not NFC).
        String comments = "Line one\u2028line two; Rene\u0301e";
        String body = ContractExamples.body("created.json").replace("\n", "\r\n")
                .replace("Follow-up on blood results", comments);
        String id = "msg_bytes_" + suffix;

        FakeHttpRequest.Response response = post(signed(id, body.getBytes(StandardCharsets.UTF_8)));

        assertEquals(202, response.status(), response.toString());
        assertEquals(comments, queued().get(0).snapshot().comments());
    }

    @Test
    void aDeclaredLengthOverTheLimitGets413WithoutTheBodyBeingRead() {
        FakeHttpRequest request = signed("msg_long_" + suffix, ContractExamples.body("created.json"))
                .header("content-length", Long.toString(80L * 1024 * 1024));

        FakeHttpRequest.Response response = post(request);

        assertEquals(413, response.status(), response.toString());
        assertFalse(request.bodyRead(), "the body was read");
        assertEquals(List.of(), queued());
    }

    private FakeHttpRequest.Response post(FakeHttpRequest request) {
        return FakeHttpRequest.response(function.run(request.binary(), FakeExecutionContext.of("intake")));
    }

    private static FakeHttpRequest signed(String webhookId, String body) {
        return signed(webhookId, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A delivery signed as the PMS signs it, with the shared test secret, sent now. */
    static FakeHttpRequest signed(String webhookId, byte[] body) {
        long timestamp = NOW.getEpochSecond();
        return FakeHttpRequest.post(ROUTE)
                .header("content-type", "application/json; charset=utf-8")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", SignatureVerifier.sign(TestSettings.WEBHOOK_SECRET, webhookId, timestamp, body))
                .body(body);
    }

    private List<AppointmentMessage> queued() {
        QueueClient queue = storage.queue(queueName);
        List<AppointmentMessage> messages = new ArrayList<>();
        for (PeekedMessageItem item : queue.peekMessages(32, null, null)) {
            messages.add(Json.read(item.getBody().toString(), AppointmentMessage.class));
        }
        return messages;
    }

    private static AppointmentQueue downQueue() {
        InMemoryAppointmentQueue queue = new InMemoryAppointmentQueue();
        queue.down = true;
        return queue;
    }
}
