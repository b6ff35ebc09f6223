package org.teamstelehealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.fixtures.QueueFixtures;

/**
 * {@code AzureWebJobs.<name>.Disabled = true} turns a function off as the Functions host does: its queue is left
 * alone, its route answers 404; the others run. An admin pauses, say, the notifications function this way.
 */
class LocalHostDisabledFunctionTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final String FLAKY = QueueFixtures.FLAKY_QUEUE + "-off";
    private static final Duration POLL = Duration.ofMillis(200);
    private static LocalHost host;

    @BeforeAll
    static void start() {
        Map<String, String> values = QueueFixtures.settings(FLAKY);
        values.putAll(Map.of("AzureWebJobs.flaky.Disabled", "true", "azurewebjobs.Hello.disabled", " TRUE ",
                "AzureWebJobs.slow.Disabled", "false", "AzureWebJobs.itemById.Disabled", "yes"));
        host = LocalHost.start(LocalHostOptions.forTests(values)
                .packages("org.teamstelehealth.local.fixtures").includeTestClasses(true)
                .injector(FunctionInvoker::construct)
                .queueOptions(q -> q.withMaxPollingInterval(POLL))
                .out(new PrintStream(LOG, true, StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void aDisabledQueueFunctionLeavesItsMessagesOnTheQueueWhileTheOthersRun() throws Exception {
        String text = "left alone " + UUID.randomUUID();
        String marker = "processed " + UUID.randomUUID();
        host.application().storage().queue(FLAKY).sendMessage(text);
        host.application().storage().queue(QueueFixtures.SLOW_QUEUE).sendMessage(marker);

        host.awaitQueueIdle(QueueFixtures.SLOW_QUEUE, Duration.ofSeconds(30));
        Thread.sleep(POLL.toMillis() * 3);

        assertTrue(QueueFixtures.SLOW.contains(marker), "an enabled function still runs");
        assertTrue(QueueFixtures.FLAKY.stream().noneMatch(d -> d.message().equals(text)), LOG.toString(StandardCharsets.UTF_8));
        assertEquals(text, host.application().storage().queue(FLAKY).peekMessage().getBody().toString(),
                "the message waits on its queue for the function to be enabled again");
    }

    @Test
    void aDisabledHttpFunctionAnswers404AndOnlyTrueDisables() throws Exception {
        assertEquals(404, get("/api/hello/Ada").statusCode());
        HttpResponse<String> byId = get("/api/items/5");
        assertEquals(200, byId.statusCode(), "'yes' is not true: itemById stays enabled");
        assertTrue(byId.body().contains("\"id\":5"), "answered by itemById, not itemBySlug: " + byId.body());
    }

    @Test
    void theBannerNamesWhatIsDisabled() {
        assertTrue(host.banner().contains("Disabled (AzureWebJobs.<name>.Disabled = true): flaky, hello"),
                String.join("\n", host.banner()));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
