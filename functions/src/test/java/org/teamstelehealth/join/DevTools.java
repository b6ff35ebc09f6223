package org.teamstelehealth.join;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.teamstelehealth.platform.Json;

/**
 * A headless chromium driven over the Chrome DevTools Protocol (no chromedriver here): navigate, run a line of
 * script from DevTools (which a page's CSP does not govern, so the page itself still runs none), read values.
 */
final class DevTools implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Process chromium;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final ConcurrentHashMap<Integer, JsonNode> answers = new ConcurrentHashMap<>();

    DevTools(Path chromiumBinary) throws Exception {
        profile = Files.createTempDirectory("chromium-devtools");
        chromium = new ProcessBuilder(List.of(chromiumBinary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile, "about:blank"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plus(WAIT);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline) && chromium.isAlive(), "chromium did not open DevTools");
            Thread.sleep(100);
        }
        String port = Files.readAllLines(portFile).get(0).trim();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        String page = null;
        for (JsonNode target : targets) {
            if ("page".equals(target.path("type").asText())) {
                page = target.get("webSocketDebuggerUrl").asText();
            }
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener()).get(30, TimeUnit.SECONDS);
    }

    void navigate(URI url) throws Exception {
        ObjectNode params = Json.MAPPER.createObjectNode().put("url", url.toString());
        call("Page.navigate", params);
    }

    /** Evaluates {@code expression} in the page until {@code done} accepts its value; returns that value. */
    String evaluateUntil(String expression, Predicate<String> done) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        String value = null;
        while (Instant.now().isBefore(deadline)) {
            JsonNode result = call("Runtime.evaluate", Json.MAPPER.createObjectNode().put("expression", expression)
                    .put("returnByValue", true));
            value = result.at("/result/result/value").asText(null);
            if (value != null && done.test(value)) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The page never gave what was waited for; last: " + value);
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(Json.MAPPER.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        Instant deadline = Instant.now().plus(WAIT);
        while (!answers.containsKey(id)) {
            assertTrue(Instant.now().isBefore(deadline), method + " got no answer");
            Thread.sleep(20);
        }
        return answers.remove(id);
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        chromium.destroy();
        try {
            chromium.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = Json.MAPPER.readTree(partial.toString());
                    if (message.has("id")) {
                        answers.put(message.get("id").asInt(), message);
                    }
                } catch (IOException e) {
                    // not a protocol message: ignored
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
