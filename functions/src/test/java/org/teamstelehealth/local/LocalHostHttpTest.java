package org.teamstelehealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.fixtures.QueueFixtures;

/** The local host serving the fake HTTP functions in {@code fixtures}, over real HTTP. */
class LocalHostHttpTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final int BODY_LIMIT = 64 * 1024;
    private static LocalHost host;

    @BeforeAll
    static void start() {
        Map<String, String> values = QueueFixtures.settings(QueueFixtures.FLAKY_QUEUE + "-http");
        values.put(LocalHost.FUNCTION_KEY_SETTING, "test-key-123");
        values.put(HttpFunctionServer.BODY_LIMIT_SETTING, Integer.toString(BODY_LIMIT));
        host = LocalHost.start(LocalHostOptions.forTests(values)
                .packages("org.teamstelehealth.local.fixtures").includeTestClasses(true)
                .injector(FunctionInvoker::construct)
                .out(new PrintStream(LOG, true, StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void routeParametersReachTheFunctionAndResponseHeadersTheClient() throws Exception {
        HttpResponse<String> response = get("/api/hello/Ada%20Lovelace");

        assertEquals(200, response.statusCode());
        assertEquals("Hello, Ada Lovelace", response.body());
        assertEquals("yes", response.headers().firstValue("x-greeting").orElseThrow());
        assertEquals("hello", response.headers().firstValue("x-function").orElseThrow());
        assertEquals("text/plain; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
    }

    private static HttpResponse<String> eventGrid(String type, String body, String query) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/runtime/webhooks/eventgrid?" + query))
                .header("aeg-event-type", type).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eventGridFunctionsAnswerTheValidationHandshakeAndGetEachEventOfANotification() throws Exception {
        HttpResponse<String> handshake = eventGrid("SubscriptionValidation", """
                [{"id":"v1","topic":"/subscriptions/x","subject":"","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent",                "eventTime":"2026-03-02T10:00:00Z","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"},"dataVersion":"2"}]""",
                "functionName=gridEvents&code=test-key-123");
        assertEquals(200, handshake.statusCode());
        assertEquals("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", JSON.readTree(handshake.body()).get("validationResponse").asText());
        assertTrue(org.teamstelehealth.local.fixtures.EventGridFixtures.EVENTS.isEmpty(), "the host answers it, not the function");

        HttpResponse<String> notification = eventGrid("Notification", """
                [{"id":"e1","eventType":"Custom.One","data":{"n":1}},{"id":"e2","eventType":"Custom.Two","data":{"n":2}}]""",
                "functionName=GRIDEVENTS&code=test-key-123");
        assertEquals(200, notification.statusCode());
        assertEquals(2, org.teamstelehealth.local.fixtures.EventGridFixtures.EVENTS.size());
        assertEquals("e2", JSON.readTree(org.teamstelehealth.local.fixtures.EventGridFixtures.EVENTS.get(1)).get("id").asText());

        assertEquals(500, eventGrid("Notification", "[{\"id\":\"fail\"}]", "functionName=gridEvents&code=test-key-123").statusCode(),
                "a failed run is answered so that Event Grid delivers again");
        assertEquals(401, eventGrid("Notification", "[]", "functionName=gridEvents").statusCode());
        assertEquals(404, eventGrid("Notification", "[]", "functionName=nope&code=test-key-123").statusCode());
        assertEquals(400, eventGrid("Other", "[]", "functionName=gridEvents&code=test-key-123").statusCode());
    }

    @Test
    void literalRoutePartsMatchWhateverTheirCase() throws Exception {
        assertEquals("Hello, x", get("/api/HELLO/x").body());
    }

    @Test
    void aConstrainedParameterWinsWhenItFitsAndOtherwiseThePlainOneAnswers() throws Exception {
        HttpResponse<String> byId = get("/api/items/42");
        HttpResponse<String> bySlug = get("/api/items/blue-chair");

        assertEquals("application/json; charset=utf-8", byId.headers().firstValue("content-type").orElseThrow());
        JsonNode item = JSON.readTree(byId.body());
        assertEquals(42, item.get("id").asInt());
        assertEquals("Item 42", item.get("displayName").asText());
        assertEquals("b", item.get("tags").get(1).asText());
        assertEquals("slug blue-chair", bySlug.body());
    }

    @Test
    void catchAllTakesTheRestOfThePathAndBytesGoOutAsOctetStream() throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(uri("/api/files/a/b/c.txt")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertEquals("a/b/c.txt", response.headers().firstValue("x-path").orElseThrow());
        assertEquals("application/octet-stream", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("bytes of a/b/c.txt", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aParameterInsideASegmentAndTheFunctionsOwnContentTypeAreKept() throws Exception {
        HttpResponse<String> response = get("/api/feeds/abc123.ics");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("X-TOKEN:abc123"));
        assertEquals("text/calendar; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void anOptionalParameterMayBeLeftOut() throws Exception {
        assertEquals("none", get("/api/opt").body());
        assertEquals("given", get("/api/opt/given").body());
    }

    @Test
    void bindingNamesFallBackToQueryParameters() throws Exception {
        assertEquals("q=tele health", get("/api/search?q=tele+health").body());
    }

    @Test
    void requestReachesTheFunctionAsTheWorkerShapesIt() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/api/echo?a=1&b=two&a=3"))
                .header("X-Custom-Header", "Value")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"naïve\":true}")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(201, response.statusCode());
        JsonNode seen = JSON.readTree(response.body());
        assertEquals("POST", seen.get("method").asText());
        assertEquals("Value", seen.get("headers").get("x-custom-header").asText());
        assertEquals("application/json", seen.get("headers").get("content-type").asText());
        assertEquals("1,3", seen.get("query").get("a").asText());
        assertEquals("two", seen.get("query").get("b").asText());
        assertEquals("{\"naïve\":true}", seen.get("body").asText());
        assertTrue(seen.get("uri").asText().endsWith("/api/echo?a=1&b=two&a=3"), seen.get("uri").asText());
    }

    @Test
    void aBinaryTriggerGetsTheBytesAsSentEvenWhenTheyAreNotUtf8() throws Exception {
        byte[] sent = {(byte) 0xFF, (byte) 0xFE, 'a', '\r', '\n', (byte) 0xE2, (byte) 0x80, (byte) 0xA8};

        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/api/bytes"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("8 fffe610d0ae280a8", response.body());
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsRead() throws Exception {
        try (Socket socket = new Socket("localhost", host.uri("/").getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write(("POST /api/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + 80L * 1024 * 1024 + "\r\n\r\n{\"a\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String status = statusLine(socket.getInputStream());

            assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
            assertTrue(System.nanoTime() - started < 2_000_000_000L, "not answered before the body arrived");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndNotPassedOn() throws Exception {
        try (Socket socket = new Socket("localhost", host.uri("/").getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    for (int i = 0; i < 64; i++) { // 1 MiB in 16 KiB chunks, far over the limit
                        out.write(chunk);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException refused) {
                    // The host stopped reading and closed the connection: what it should do.
                }
            });
            writer.setDaemon(true);
            writer.start();

            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine(socket.getInputStream()));
        }
    }

    @Test
    void aBodyAtTheLimitIsPassedOn() throws Exception {
        byte[] sent = new byte[BODY_LIMIT];

        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/api/bytes"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith(BODY_LIMIT + " "), response.body().substring(0, 20));
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().trim();
    }

    @Test
    void anEmptyBodyIsAnEmptyOptional() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/api/echo"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertFalse(JSON.readTree(response.body()).get("bodyPresent").asBoolean());
    }

    @Test
    void unknownPathsAre404AndKnownRoutesWithTheWrongMethod405() throws Exception {
        assertEquals(404, get("/api/nothing/here").statusCode());
        assertEquals(404, get("/elsewhere").statusCode());
        HttpResponse<String> wrongMethod = get("/api/echo");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("POST, PUT", wrongMethod.headers().firstValue("allow").orElseThrow());
    }

    @Test
    void functionLevelRoutesNeedTheKeyInAHeaderOrTheQuery() throws Exception {
        assertEquals(401, get("/api/manage/secret").statusCode());
        assertEquals(401, get("/api/manage/secret?code=wrong").statusCode());
        assertEquals(200, get("/api/manage/secret?code=test-key-123").statusCode());
        HttpResponse<String> withHeader = CLIENT.send(HttpRequest.newBuilder(uri("/api/manage/secret"))
                .header("x-functions-key", "test-key-123").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, withHeader.statusCode());
        assertEquals("admin only", withHeader.body());
    }

    @Test
    void anUnhandledExceptionIsAGeneric500AndALogLineWithoutTheRequest() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/api/boom"))
                .POST(HttpRequest.BodyPublishers.ofString("patient Jane Doe +15551234567")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(500, response.statusCode());
        assertFalse(response.body().contains("on purpose"), response.body());
        String log = LOG.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("Executed 'boom' (Failed"), log);
        assertTrue(log.contains("the fake failed on purpose"), log);
        assertFalse(log.contains("Jane Doe") || log.contains("5551234567"), log);
    }

    @Test
    void theLocalIndexListsEveryFunction() throws Exception {
        HttpResponse<String> index = get("/local/");

        assertEquals(200, index.statusCode());
        for (String name : new String[] {"hello", "itemById", "echo", "manageSecret", "flaky", "doomed", "tick"}) {
            assertTrue(index.body().contains("<td>" + name + "</td>"), name);
        }
        assertTrue(index.body().contains("/api/manage/secret (FUNCTION)"), index.body());
    }

    @Test
    void theBannerShowsEachFunctionsUrlAndTheKey() {
        String banner = String.join("\n", host.banner());

        assertTrue(banner.contains("hello: [GET] " + host.baseUrl() + "/api/hello/{name} (ANONYMOUS)"), banner);
        // host.json's queue shape, as the Functions host runs it: batchSize + newBatchThreshold at once at most.
        assertTrue(banner.contains("flaky: queue 'local-flaky-http' (up to 8 at once, received 1 at a time, poison after 5"
                + " tries in 'local-flaky-http-poison')"), banner);
        assertTrue(banner.contains("tick: timer '0 0 0 1 1 *'"), banner);
        assertTrue(banner.contains("test-key-123"), banner);
        assertTrue(banner.contains("Ready in "), banner);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return host.uri(path);
    }
}
