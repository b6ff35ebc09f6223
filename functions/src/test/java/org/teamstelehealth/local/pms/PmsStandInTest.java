package org.teamstelehealth.local.pms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.StandardWebhooks;

class PmsStandInTest {
    private static final String SECRET = "whsec_cG1zLXN0YW5kLWluLXRlc3Qtc2VjcmV0LTEyMzQ1Ng==";
    private final PmsStandIn pms = new PmsStandIn();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        pms.close();
    }

    private URI start() {
        Map<String, String> overrides = pms.start(Map.of("PMS_EVENTS_URL", "local", "PMS_EVENTS_SECRETS", SECRET));
        return URI.create(overrides.get("PMS_EVENTS_URL"));
    }

    private int post(URI url, String id, String signature, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json").header("webhook-id", id)
                .header("webhook-timestamp", "1700000000").header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void itListsWhatArrivedNewestLastAndWhetherItsSignatureHolds() throws Exception {
        URI url = start();
        String body = "{\"type\":\"telehealth.removed\",\"id\":\"evt_1_1\"}";
        String good = StandardWebhooks.sign(SECRET, "evt_1_1", "1700000000", body.getBytes(StandardCharsets.UTF_8));

        assertEquals(200, post(url, "evt_1_1", good, body));
        assertEquals(200, post(url, "evt_1_2", good, body), "a signature over another id does not hold");

        JsonNode listed = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("events");
        assertEquals(2, listed.size());
        assertEquals("evt_1_1", listed.get(0).get("webhook_id").asText());
        assertTrue(listed.get(0).get("verified").asBoolean());
        assertEquals(false, listed.get(1).get("verified").asBoolean());
        assertEquals("telehealth.removed", listed.get(0).at("/body/type").asText());
    }

    @Test
    void toldToFailItAnswersThatStatusForTheNextRequestsThen200() throws Exception {
        URI url = start();
        http.send(HttpRequest.newBuilder(URI.create(url + "/fail?status=503&requests=2"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

        List<Integer> answers = List.of(post(url, "a", "v1,x", "{}"), post(url, "b", "v1,x", "{}"), post(url, "c", "v1,x", "{}"));

        assertEquals(List.of(503, 503, 200), answers);
    }

    @Test
    void withARealPmsConfiguredItStaysOut() {
        assertEquals(Map.of(), pms.start(Map.of("PMS_EVENTS_URL", "https://pms.example.org/events")));
        assertEquals(Map.of(), pms.pages());
    }
}
