package org.teamstelehealth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void findsAHeaderWhateverTheCaseOfItsName() {
        Map<String, String> headers = Map.of("content-type", "application/json");

        assertEquals(Optional.of("application/json"), Headers.first(headers, "Content-Type"));
        assertEquals(Optional.of("application/json"), Headers.first(Map.of("CONTENT-TYPE", "application/json"), "content-type"));
    }

    @Test
    void isEmptyWhenTheHeaderIsMissingOrHasNoValue() {
        Map<String, String> headers = new HashMap<>();
        headers.put("webhook-id", null);

        assertEquals(Optional.empty(), Headers.first(headers, "webhook-signature"));
        assertEquals(Optional.empty(), Headers.first(headers, "webhook-id"));
    }

    @Test
    void theFirstOfNamesThatDifferOnlyInCaseWins() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("If-None-Match", "\"a\"");
        headers.put("if-none-match", "\"b\"");

        assertEquals(Optional.of("\"a\""), Headers.first(headers, "if-none-match"));
    }
}
