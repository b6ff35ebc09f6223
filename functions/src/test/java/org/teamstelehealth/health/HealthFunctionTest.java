package org.teamstelehealth.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.TestSettings;

class HealthFunctionTest {

    @Test
    void reportsOkWhenTablesAndQueuesAnswer() {
        StorageClients storage = new StorageClients(TestSettings.settings().storage());

        // Generous: the first call in a JVM builds the HTTP stack, and this machine is shared.
        FakeHttpRequest.Response response = check(new AzureStorageHealth(storage.tableService().getTableClient("receipts"),
                storage.queueService().getQueueClient("appointments"), Duration.ofSeconds(10)));

        assertEquals(200, response.status(), response.toString());
        assertEquals(Json.MAPPER.valueToTree(Map.of("status", "ok", "storage", Map.of("tables", "ok", "queues", "ok"))),
                response.json());
    }

    @Test
    void reports503NamingBothWhenStorageIsUnreachableAndAnswersQuickly() {
        int deadPort = Azurite.freePort();
        String dead = Azurite.connectionString(deadPort, deadPort);
        StorageClients storage = new StorageClients(TestSettings.settings(Map.of("AzureWebJobsStorage", dead)).storage());

        Instant start = Instant.now();
        FakeHttpRequest.Response response = check(new AzureStorageHealth(storage.tableService().getTableClient("receipts"),
                storage.queueService().getQueueClient("appointments"), Duration.ofSeconds(1)));
        Duration took = Duration.between(start, Instant.now());

        assertEquals(503, response.status(), response.toString());
        assertEquals("unreachable", response.json().at("/storage/tables").asText());
        assertEquals("unreachable", response.json().at("/storage/queues").asText());
        assertEquals("unavailable", response.json().get("status").asText());
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
    }

    @Test
    void theApplicationServesHealthAgainstItsOwnStorage() {
        HealthFunction wired = new Application(TestSettings.settings(), Clock.systemUTC()).function(HealthFunction.class);
        // The first probe of a new process builds the HTTP stack and may exceed the 5 s budget on a
        // loaded machine (a monitor sees one 503 after a cold start); the wiring is what is tested here.
        wired.run(FakeHttpRequest.get("/api/health"), FakeExecutionContext.of("health"));

        FakeHttpRequest.Response response = FakeHttpRequest.response(
                wired.run(FakeHttpRequest.get("/api/health"), FakeExecutionContext.of("health")));

        assertEquals(200, response.status(), response.toString());
        assertEquals("no-store", response.getHeader("Cache-Control"));
    }

    @Test
    void namesOnlyTheServiceThatIsDown() {
        FakeHttpRequest.Response response = check(() -> new StorageHealth.Status(true, false));

        assertEquals(503, response.status());
        assertEquals("ok", response.json().at("/storage/tables").asText());
        assertEquals("unreachable", response.json().at("/storage/queues").asText());
    }

    private static FakeHttpRequest.Response check(StorageHealth health) {
        return FakeHttpRequest.response(new HealthFunction(health)
                .run(FakeHttpRequest.get("/api/health"), FakeExecutionContext.of("health")));
    }
}
