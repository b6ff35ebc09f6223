package org.teamstelehealth.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;

class SendExampleTest {
    private static final Instant NOW = Instant.parse("2026-12-01T23:41:20Z");

    @Test
    void anExampleCanBeSentForAnotherIdStartingSomeMinutesFromNow() throws Exception {
        byte[] body = ContractExamples.body("created.json").getBytes(StandardCharsets.UTF_8);

        JsonNode sent = Json.MAPPER.readTree(SendExample.adjusted(body,
                Map.of("APPOINTMENT_ID", "r1", "START_IN_MINUTES", "3"), NOW));

        assertEquals("r1", sent.at("/appointment/id").asText());
        assertEquals("2026-12-02T10:14:00+10:30", sent.at("/appointment/start").asText(), "23:44 UTC in the example's offset");
        assertEquals("Clintel", sent.at("/appointment/patient/given_name").asText(), "the rest as it was");
        assertArrayEquals(body, SendExample.adjusted(body, Map.of(), NOW), "without them, the example byte for byte");
    }
}
