package org.teamstelehealth.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.teamstelehealth.intake.SignatureVerifier;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.TestSettings;

/** What the end-to-end tests do over HTTP to a local host: post a signed webhook as the PMS, read the admin status. */
final class LocalHostCalls {
    private LocalHostCalls() {}

    /** POSTs {@code body} to the webhook route, signed with the test secret at {@code timestamp} (epoch seconds). */
    static HttpResponse<String> postWebhook(HttpClient http, LocalHost host, byte[] body, String webhookId, long timestamp)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(host.uri("/api/webhooks/appointments"))
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", SignatureVerifier.sign(TestSettings.WEBHOOK_SECRET, webhookId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The appointment's admin status (200 asserted). */
    static JsonNode status(HttpClient http, LocalHost host, String appointmentId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(host.uri("/api/manage/appointments/" + appointmentId))
                .header("x-functions-key", host.functionKey()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }
}
