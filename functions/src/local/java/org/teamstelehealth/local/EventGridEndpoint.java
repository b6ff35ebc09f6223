package org.teamstelehealth.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Event Grid-triggered functions over HTTP, as the Functions host serves them:
 * {@code POST /runtime/webhooks/eventgrid?functionName=<name>&code=<key>} with a JSON array of events
 * in the Event Grid schema and an {@code aeg-event-type} header.
 * <ul>
 *   <li>{@code SubscriptionValidation}: the host answers the handshake itself, 200
 *       {@code {"validationResponse": <data.validationCode>}}, without running the function;</li>
 *   <li>{@code Notification}: the function runs once per event with that event's JSON (String); 200
 *       when every run succeeded, else 500, so Event Grid delivers again.</li>
 * </ul>
 * Azure's key here is the {@code eventgrid_extension} system key; the local host has one key for everything.
 */
final class EventGridEndpoint implements HttpHandler {
    static final String PATH = "/runtime/webhooks/eventgrid";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, FunctionDefinition> functions;
    private final String key;
    private final FunctionInvoker invoker;
    private final Activity activity;

    EventGridEndpoint(List<FunctionDefinition> all, String key, FunctionInvoker invoker, Activity activity) {
        this.functions = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.stream().filter(f -> f.trigger() instanceof FunctionDefinition.EventGrid).forEach(f -> functions.put(f.name(), f));
        this.key = key;
        this.invoker = invoker;
        this.activity = activity;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Map<String, String> query = LocalHttpRequest.parseQuery(exchange.getRequestURI().getRawQuery());
            if (!exchange.getRequestURI().getPath().equalsIgnoreCase(PATH)) {
                send(exchange, 404, "");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, 405, "");
                return;
            }
            String code = Optional.ofNullable(exchange.getRequestHeaders().getFirst(HttpFunctionServer.KEY_HEADER))
                    .orElse(query.get("code"));
            if (code == null || !MessageDigest.isEqual(code.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) {
                send(exchange, 401, "");
                return;
            }
            FunctionDefinition function = functions.get(Optional.ofNullable(query.get("functionName")).orElse(""));
            if (function == null) {
                send(exchange, 404, "No Event Grid function named " + query.get("functionName"));
                return;
            }
            JsonNode events;
            try (InputStream in = exchange.getRequestBody()) {
                events = JSON.readTree(in.readAllBytes());
            } catch (IOException e) {
                send(exchange, 400, "The body is not JSON");
                return;
            }
            if (events == null || !events.isArray()) {
                send(exchange, 400, "The body must be a JSON array of Event Grid events");
                return;
            }
            String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("aeg-event-type")).orElse("");
            if (type.equalsIgnoreCase("SubscriptionValidation")) {
                validate(exchange, events);
            } else if (type.equalsIgnoreCase("Notification")) {
                notify(exchange, function, events);
            } else {
                send(exchange, 400, "aeg-event-type must be SubscriptionValidation or Notification");
            }
        } finally {
            exchange.close();
        }
    }

    private static void validate(HttpExchange exchange, JsonNode events) throws IOException {
        JsonNode code = events.path(0).path("data").path("validationCode");
        if (!code.isTextual()) {
            send(exchange, 400, "No data.validationCode in the validation event");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, 200, JSON.createObjectNode().put("validationResponse", code.asText()).toString());
    }

    private void notify(HttpExchange exchange, FunctionDefinition function, JsonNode events) throws IOException {
        boolean failed = false;
        for (JsonNode event : events) {
            LocalExecutionContext context = new LocalExecutionContext(function.name());
            activity.started();
            try {
                invoker.invoke(function, event.toString(), Map.of(), context);
                activity.log("Executed '" + function.name() + "' (Succeeded, Id=" + context.getInvocationId() + ")");
            } catch (RuntimeException e) {
                failed = true;
                activity.log("Executed '" + function.name() + "' (Failed, Id=" + context.getInvocationId() + "): "
                        + HttpFunctionServer.failure(e));
            } finally {
                activity.finished();
            }
        }
        send(exchange, failed ? 500 : 200, "");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
