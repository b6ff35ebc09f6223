package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.queue.QueueClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.intake.WebhookMutations.Expect;
import org.teamstelehealth.intake.WebhookMutations.Mutation;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.TestSettings;

/**
 * Every {@link WebhookMutations mutation} of the contract's examples, correctly signed, through the
 * webhook function with in-memory storage: the answer the contract calls for (202, a 400 naming the
 * field, or 413), never a 5xx or a 401, and nothing queued or stored unless accepted.
 */
class IntakeFuzzTest {
    static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final int SAMPLE = 150;

    @Test
    void everyMutationGetsTheContractsAnswerAndOnlyAcceptedOnesAreQueued() {
        List<Mutation> mutations = WebhookMutations.all();
        InMemoryReceiptStore receipts = new InMemoryReceiptStore();
        InMemoryAppointmentQueue queue = new InMemoryAppointmentQueue();
        IntakeFunction function = function(receipts, queue);
        FakeExecutionContext context = FakeExecutionContext.of("intake");
        List<String> failures = new ArrayList<>();
        Map<Expect, Integer> counts = new EnumMap<>(Expect.class);

        for (int i = 0; i < mutations.size(); i++) {
            Mutation mutation = mutations.get(i);
            int queuedBefore = queue.messages.size();
            int storedBefore = receipts.receipts.size();
            FakeHttpRequest.Response response;
            try {
                response = FakeHttpRequest.response(function.run(signed("msg_fuzz_" + i, mutation.body()).binary(), context));
            } catch (RuntimeException e) {
                failures.add(mutation + ": threw " + e.getClass().getName() + " (a 500 from the worker)");
                continue;
            }
            counts.merge(mutation.expect(), 1, Integer::sum);
            boolean accepted = response.status() == 202;
            check(mutation, response).ifPresent(failures::add);
            int queuedNow = queue.messages.size() - queuedBefore;
            int storedNow = receipts.receipts.size() - storedBefore;
            if (queuedNow != (accepted ? 1 : 0) || storedNow != (accepted ? 1 : 0)) {
                failures.add(mutation + ": answered " + response.status() + " but queued " + queuedNow + ", stored " + storedNow);
            }
        }

        System.out.println(mutations.size() + " mutations sent: " + counts);
        assertEquals(List.of(), leaks(context.logged()), "the log quotes a value of an example");
        assertTrue(mutations.size() >= 2000, "only " + mutations.size() + " mutations");
        assertEquals(List.of(), failures.subList(0, Math.min(40, failures.size())),
                failures.size() + " of " + mutations.size() + " mutations got the wrong answer " + counts);
    }

    /**
     * A fixed sample of the same mutations, and some inauthentic deliveries, through the function on real
     * storage (Azurite): a rejected one leaves the queue and the receipts table as they were.
     */
    @Test
    void aSampleThroughAzuriteLeavesNothingQueuedOrStoredUnlessAccepted() {
        StorageClients storage = new StorageClients(TestSettings.settings().storage());
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        QueueClient queue = storage.queue("fuzz-" + suffix);
        String table = "fuzzreceipts" + suffix;
        IntakeFunction function = function(new TableReceiptStore(() -> storage.table(table), Duration.ofSeconds(10)),
                new StorageQueueAppointmentQueue(() -> queue, Duration.ofSeconds(10)));
        List<Mutation> all = WebhookMutations.all();
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        int sent = 0;

        for (int i = 0; i < all.size(); i += all.size() / SAMPLE) {
            Mutation mutation = all.get(i);
            FakeHttpRequest.Response response = post(function, signed("msg_az_" + suffix + "_" + i, mutation.body()));
            check(mutation, response).ifPresent(failures::add);
            accepted += response.status() == 202 ? 1 : 0;
            sent++;
            assertEquals(accepted, queue.getProperties().getApproximateMessagesCount(), mutation + ": queue");
            assertEquals(accepted, storage.table(table).listEntities().stream().count(), mutation + ": receipts");
        }
        byte[] valid = ContractExamples.body("created.json").getBytes(StandardCharsets.UTF_8);
        for (FakeHttpRequest forged : List.of(
                signed("msg_az_forged", valid).header("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                signed("msg_az_v2", valid).header("webhook-signature", "v2,AAAA"),
                signed("msg_az_old", valid).header("webhook-timestamp", Long.toString(NOW.getEpochSecond() - 301)),
                signed("msg_az_noid", valid).header("webhook-id", ""))) {
            assertEquals(401, post(function, forged).status());
            assertEquals(accepted, queue.getProperties().getApproximateMessagesCount(), "queue after a forged delivery");
        }

        assertTrue(sent >= SAMPLE && accepted > 0 && accepted < sent, sent + " sent, " + accepted + " accepted");
        assertEquals(List.of(), failures);
    }

    /** Log lines holding a patient value of the examples (what the log scan after the build also looks for). */
    private static List<String> leaks(List<String> logged) {
        List<String> values = List.of("Clintel", "0415100919", "clintel.test@example.com", "Follow-up on blood results");
        return logged.stream().filter(line -> values.stream().anyMatch(line::contains)).limit(5).toList();
    }

    /** What is wrong with the answer to {@code mutation}, if anything. */
    static java.util.Optional<String> check(Mutation mutation, FakeHttpRequest.Response response) {
        int status = response.status();
        String said = mutation + ": answered " + status + " " + summary(response);
        boolean problem = "application/problem+json".equals(response.getHeader("Content-Type"));
        switch (mutation.expect()) {
            case ACCEPTED:
                return status == 202 ? java.util.Optional.empty() : java.util.Optional.of(said);
            case TOO_LARGE:
                return status == 413 && problem ? java.util.Optional.empty() : java.util.Optional.of(said);
            case ACCEPTED_OR_INVALID:
                if (status == 202) {
                    return java.util.Optional.empty();
                }
                return status == 400 && problem && names(response, mutation.pointer(), null)
                        ? java.util.Optional.empty() : java.util.Optional.of(said);
            default:
                return status == 400 && problem && names(response, mutation.pointer(), mutation.detail())
                        ? java.util.Optional.empty() : java.util.Optional.of(said);
        }
    }

    /** Whether the problem's errors name {@code pointer}, with {@code word} in that error's detail when given. */
    private static boolean names(FakeHttpRequest.Response response, String pointer, String word) {
        for (JsonNode error : response.json().path("errors")) {
            if (error.path("pointer").asText().equals(pointer)
                    && (word == null || error.path("detail").asText().contains(word))) {
                return true;
            }
        }
        return false;
    }

    /** Status and the error pointers and details: no values from the body, which may hold patient data. */
    private static String summary(FakeHttpRequest.Response response) {
        if (!response.bodyText().startsWith("{")) {
            return "";
        }
        List<String> errors = new ArrayList<>();
        response.json().path("errors").forEach(error -> errors.add(error.path("pointer").asText() + " "
                + error.path("detail").asText()));
        return errors.isEmpty() ? response.json().path("detail").asText() : errors.toString();
    }

    static IntakeFunction function(ReceiptStore receipts, AppointmentQueue queue) {
        return new IntakeFunction(new IntakeService(
                Verifiers.accepting(List.of(TestSettings.WEBHOOK_SECRET), Duration.ofMinutes(5), CLOCK),
                ContractValidator.fromClasspath(), receipts, queue, CLOCK));
    }

    static FakeHttpRequest.Response post(IntakeFunction function, FakeHttpRequest request) {
        return FakeHttpRequest.response(function.run(request.binary(), FakeExecutionContext.of("intake")));
    }

    static FakeHttpRequest signed(String webhookId, byte[] body) {
        return IntakeFunctionTest.signed(webhookId, body);
    }
}
