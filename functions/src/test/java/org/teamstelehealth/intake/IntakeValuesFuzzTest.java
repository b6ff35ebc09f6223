package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.JsonFuzz;

/**
 * Any JSON value at any field of a valid example, correctly signed (jqwik, fixed seed): 202 and queued,
 * or a 400 naming that field (or a field inside it), or 413; never a 5xx or a 401, nothing queued or
 * stored unless accepted. And free text of any characters is queued exactly as sent.
 */
class IntakeValuesFuzzTest {
    /** A valid example with one field set to a generated value. */
    record Replaced(String example, String pointer, JsonNode value, byte[] body) {
        @Override
        public String toString() {
            return example + " " + pointer + " = a " + value.getNodeType(); // not the value: it may echo patient data
        }
    }

    @Property(tries = 1000, seed = "7357735773")
    void anyValueAtAnyFieldIsAcceptedOrRefusedNamingTheField(@ForAll("replaced") Replaced replaced) {
        InMemoryReceiptStore receipts = new InMemoryReceiptStore();
        InMemoryAppointmentQueue queue = new InMemoryAppointmentQueue();

        FakeHttpRequest.Response response = IntakeFuzzTest.post(IntakeFuzzTest.function(receipts, queue),
                IntakeFuzzTest.signed("msg_values", replaced.body()));

        int status = response.status();
        assertTrue(status == 202 || status == 400 || status == 413, replaced + ": " + status);
        assertEquals(status == 202 ? 1 : 0, queue.messages.size(), replaced + ": queued");
        assertEquals(status == 202 ? 1 : 0, receipts.receipts.size(), replaced + ": stored");
        if (status == 400) {
            List<String> pointers = new ArrayList<>();
            response.json().path("errors").forEach(error -> pointers.add(error.path("pointer").asText()));
            // Changing "type" moves the body between the deletion and the full shape: any field may then be named.
            boolean named = replaced.pointer().equals("/type")
                    || pointers.stream().anyMatch(p -> p.equals(replaced.pointer()) || p.startsWith(replaced.pointer() + "/"));
            assertTrue(named, replaced + " named " + pointers);
        }
    }

    @Property(tries = 300, seed = "7357735774")
    void freeTextOfAnyCharactersIsQueuedExactlyAsSent(@ForAll("names") String givenName, @ForAll("names") String comments) {
        JsonNode body = Json.read(ContractExamples.body("created.json"), JsonNode.class);
        body = JsonFuzz.with(body, "/appointment/patient/given_name", Json.MAPPER.getNodeFactory().textNode(givenName));
        body = JsonFuzz.with(body, "/appointment/comments", Json.MAPPER.getNodeFactory().textNode(comments));
        InMemoryAppointmentQueue queue = new InMemoryAppointmentQueue();

        FakeHttpRequest.Response response = IntakeFuzzTest.post(IntakeFuzzTest.function(new InMemoryReceiptStore(), queue),
                IntakeFuzzTest.signed("msg_text", Json.write(body).getBytes(StandardCharsets.UTF_8)));

        assertEquals(202, response.status(), response.bodyText());
        Snapshot queued = Json.read(Json.write(queue.messages.get(0)), org.teamstelehealth.messages.AppointmentMessage.class).snapshot();
        assertEquals(givenName, queued.patient().givenName());
        assertEquals(comments, queued.comments());
    }

    @Provide
    Arbitrary<Replaced> replaced() {
        return Arbitraries.of(ContractExamples.valid()).flatMap(example -> {
            JsonNode document = Json.read(ContractExamples.body(example), JsonNode.class);
            return Combinators.combine(Arbitraries.of(JsonFuzz.pointers(document)), JsonFuzz.values())
                    .as((pointer, value) -> new Replaced(example, pointer, value,
                            Json.write(JsonFuzz.with(document, pointer, value)).getBytes(StandardCharsets.UTF_8)));
        });
    }

    /** 1 to 100 characters of any valid Unicode (no lone surrogates: they are not text, and not UTF-8). */
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF')
                .ofMinLength(1).ofMaxLength(100);
    }
}
