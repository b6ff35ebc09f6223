package org.teamstelehealth.local.pms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teamstelehealth.local.StandIn;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.StandardWebhooks;

/**
 * The PMS, as far as our events to it go, for when {@code PMS_EVENTS_URL} is {@code local}: {@code /local/pms}
 * receives events (POST), checks each one's Standard Webhooks signature against {@code PMS_EVENTS_SECRETS}, and lists
 * what arrived (GET: JSON, newest last, each with {@code verified} and what it was answered).
 *
 * <ul>
 *   <li>{@code POST /local/pms/fail?status=500&requests=3} (or {@code &seconds=30}): answer that status instead of
 *       200 to the next 3 events (or for 30 seconds), as a PMS that is down would;
 *   <li>{@code DELETE /local/pms}: forget what arrived.
 * </ul>
 *
 * <p>The timestamp is shown ({@code age_seconds}) but not held against {@code verified}: tests run the app on a
 * clock of their own. It listens on a port of its own (the host's port is not known when stand-ins start), and the
 * host serves the same page under its own {@code /local/pms}.
 */
public final class PmsStandIn implements StandIn {
    static final String PATH = "/local/pms";

    private final List<Map<String, Object>> arrived = new ArrayList<>();
    private List<String> secrets = List.of();
    private HttpServer server;
    private int failStatus;
    private int failRequests;
    private Instant failUntil = Instant.MIN;

    @Override
    public Map<String, String> start(Map<String, String> settings) {
        if (!"local".equalsIgnoreCase(settings.getOrDefault("PMS_EVENTS_URL", "").trim())) {
            return Map.of();
        }
        secrets = Arrays.stream(settings.getOrDefault("PMS_EVENTS_SECRETS", "").split("[,\\s]+"))
                .filter(s -> !s.isBlank()).toList();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("The PMS stand-in cannot listen", e);
        }
        server.createContext(PATH, this::handle);
        server.start();
        return Map.of("PMS_EVENTS_URL", url().toString());
    }

    /** Where the app POSTs its events. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    @Override
    public String describe() {
        return server == null ? "PMS events: PMS_EVENTS_URL (not the local stand-in)"
                : "PMS: local stand-in on " + url() + " (events the PMS received: /local/pms)";
    }

    @Override
    public Map<String, HttpHandler> pages() {
        return server == null ? Map.of() : Map.of("pms", this::handle);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(PATH + "/fail") && method.equals("POST")) {
                fail(query(exchange.getRequestURI()));
                answer(exchange, 204, null);
            } else if (!path.equals(PATH) && !path.equals(PATH + "/")) {
                answer(exchange, 404, null);
            } else if (method.equals("POST")) {
                answer(exchange, receive(exchange), null);
            } else if (method.equals("DELETE")) {
                synchronized (this) {
                    arrived.clear();
                }
                answer(exchange, 204, null);
            } else if (method.equals("GET")) {
                answer(exchange, 200, Json.write(Map.of("events", list())).getBytes(StandardCharsets.UTF_8));
            } else {
                answer(exchange, 405, null);
            }
        }
    }

    private synchronized void fail(Map<String, String> query) {
        failStatus = Integer.parseInt(query.getOrDefault("status", "500"));
        failRequests = Integer.parseInt(query.getOrDefault("requests", "0"));
        failUntil = Instant.now().plus(Duration.ofSeconds(Long.parseLong(query.getOrDefault("seconds", "0"))));
    }

    private synchronized List<Map<String, Object>> list() {
        return List.copyOf(arrived);
    }

    /** Records one event and says what to answer it. */
    private synchronized int receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        boolean verified = id != null && timestamp != null && !secrets.isEmpty()
                && StandardWebhooks.anyMatches(StandardWebhooks.signatures(signature), secrets, id, timestamp, body);
        int status = 200;
        if (failRequests > 0) {
            failRequests--;
            status = failStatus;
        } else if (Instant.now().isBefore(failUntil)) {
            status = failStatus;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("received_at", Instant.now().toString());
        entry.put("webhook_id", id);
        entry.put("verified", verified);
        entry.put("answered", status);
        entry.put("content_type", exchange.getRequestHeaders().getFirst("Content-Type"));
        entry.put("age_seconds", age(timestamp));
        entry.put("body", parse(body));
        arrived.add(entry);
        return status;
    }

    private static Long age(String timestamp) {
        try {
            return timestamp == null ? null : Instant.now().getEpochSecond() - Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return query;
    }

    private static void answer(HttpExchange exchange, int status, byte[] json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    /** For tests: what arrived, as the GET lists it. */
    public List<Map<String, Object>> arrived() {
        return list();
    }
}
