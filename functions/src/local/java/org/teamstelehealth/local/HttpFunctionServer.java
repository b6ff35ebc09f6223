package org.teamstelehealth.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.teamstelehealth.platform.Problem;

/**
 * Serves HTTP-triggered functions under the route prefix, the stand-ins' pages under
 * {@code /local/<page>}, and an index of both at {@code /local/}.
 *
 * <p>Like the Functions host it refuses a request body over the app's limit with 413 before any
 * function runs: by {@code Content-Length} before reading a byte, and a body without one (chunked)
 * as soon as more than the limit has arrived, so an oversized body is never held in memory.
 */
final class HttpFunctionServer implements AutoCloseable {
    static final String KEY_HEADER = "x-functions-key";
    /** The app setting the Functions host takes its request body limit from, in bytes. */
    static final String BODY_LIMIT_SETTING = "FUNCTIONS_REQUEST_BODY_SIZE_LIMIT";
    /** The Functions host's limit when that setting is absent: 100 MB. */
    static final long DEFAULT_BODY_LIMIT = 104_857_600L;

    private static final ObjectMapper BODY_JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private record Route(FunctionDefinition function, FunctionDefinition.Http trigger, RouteTemplate template) {}

    private final HttpServer server;
    private final ExecutorService pool;
    private final String routePrefix;
    private final List<Route> routes;
    private final String functionKey;
    private final FunctionInvoker invoker;
    private final Activity activity;
    private final String index;
    private final long maxBodyBytes;
    private final Set<String> disabled;

    /** @param disabled the names of the functions {@code AzureWebJobs.<name>.Disabled} turns off: 404, as on Azure */
    HttpFunctionServer(int port, String routePrefix, List<FunctionDefinition> functions, Set<String> disabled,
            String functionKey, FunctionInvoker invoker, Activity activity, Map<String, HttpHandler> pages,
            long maxBodyBytes) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.maxBodyBytes = maxBodyBytes;
        this.routePrefix = routePrefix;
        this.functionKey = functionKey;
        this.invoker = invoker;
        this.activity = activity;
        this.disabled = Set.copyOf(disabled);
        this.routes = functions.stream()
                .filter(f -> f.trigger() instanceof FunctionDefinition.Http)
                .map(f -> new Route(f, (FunctionDefinition.Http) f.trigger(), RouteTemplate.parse(((FunctionDefinition.Http) f.trigger()).route())))
                .sorted(Comparator.comparing(Route::template))
                .toList();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.pool = Executors.newFixedThreadPool(8, daemon("http"));
        server.setExecutor(pool);
        this.index = indexPage(functions, pages.keySet());
        server.createContext("/", this::handleFunction);
        server.createContext("/local/", this::handleIndex);
        EventGridEndpoint eventGrid = new EventGridEndpoint(functions.stream()
                .filter(f -> !disabled.contains(f.name())).toList(), functionKey, invoker, activity);
        server.createContext(EventGridEndpoint.PATH, eventGrid);
        server.createContext("/runtime/webhooks/EventGrid", eventGrid);
        pages.forEach((path, handler) -> server.createContext("/local/" + path.replaceAll("^/+", ""), handler));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The URL a route is served on, for the banner. */
    String url(String baseUrl, FunctionDefinition.Http trigger) {
        return baseUrl + (routePrefix.isEmpty() ? "" : "/" + routePrefix) + "/" + trigger.route();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handleIndex(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/local/")) {
                send(exchange, 404, "text/plain; charset=utf-8", "No local page at " + path);
                return;
            }
            send(exchange, 200, "text/html; charset=utf-8", index);
        } finally {
            exchange.close();
        }
    }

    private void handleFunction(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/local")) {
                exchange.getResponseHeaders().set("Location", "/local/");
                send(exchange, 302, null, "");
                return;
            }
            String prefix = routePrefix.isEmpty() ? "/" : "/" + routePrefix + "/";
            if (!path.startsWith(prefix) && !path.equals("/" + routePrefix)) {
                send(exchange, 404, "text/plain; charset=utf-8", "");
                return;
            }
            String below = path.length() <= prefix.length() ? "" : path.substring(prefix.length());
            dispatch(exchange, below);
        } catch (RuntimeException e) {
            activity.log("Answering " + exchange.getRequestMethod() + " failed: " + failure(e));
            if (exchange.getResponseCode() == -1) {
                send(exchange, 500, "text/plain; charset=utf-8", "");
            }
        } finally {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange, String path) throws IOException {
        HttpMethod method = method(exchange.getRequestMethod());
        List<Route> matching = new ArrayList<>();
        Map<String, String> routeValues = null;
        Route chosen = null;
        for (Route route : routes) {
            Optional<Map<String, String>> values = route.template().match(path);
            if (values.isPresent()) {
                matching.add(route);
                if (chosen == null && method != null && route.trigger().allows(method)) {
                    chosen = route;
                    routeValues = values.get();
                }
            }
        }
        if (chosen == null) {
            if (matching.isEmpty()) {
                send(exchange, 404, "text/plain; charset=utf-8", "");
            } else {
                exchange.getResponseHeaders().set("Allow", matching.stream()
                        .flatMap(r -> r.trigger().methods().stream()).map(Enum::name)
                        .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", ")));
                send(exchange, 405, "text/plain; charset=utf-8", "");
            }
            return;
        }
        if (disabled.contains(chosen.function().name())) {
            // Azure runs a disabled function only for the master key, which the local host does not have.
            send(exchange, 404, "text/plain; charset=utf-8", "");
            return;
        }
        if (!authorised(chosen.trigger().authLevel(), exchange)) {
            send(exchange, 401, "text/plain; charset=utf-8", "");
            return;
        }
        invoke(exchange, chosen, method, routeValues);
    }

    private void invoke(HttpExchange exchange, Route route, HttpMethod method, Map<String, String> routeValues) throws IOException {
        Optional<byte[]> read = readBody(exchange);
        if (read.isEmpty()) {
            activity.log("Refused a request body over " + maxBodyBytes + " bytes (" + BODY_LIMIT_SETTING + ") for '"
                    + route.function().name() + "'");
            exchange.getResponseHeaders().set("Connection", "close");
            send(exchange, 413, "text/plain; charset=utf-8", "");
            return;
        }
        byte[] body = read.get();
        URI uri = requestUri(exchange);
        HttpRequestMessage<?> request = route.trigger().binary()
                ? LocalHttpRequest.binary(uri, method, exchange.getRequestHeaders(), body)
                : LocalHttpRequest.text(uri, method, exchange.getRequestHeaders(), body);
        Map<String, Object> bindings = new LinkedHashMap<>(request.getQueryParameters());
        bindings.putAll(routeValues);
        LocalExecutionContext context = new LocalExecutionContext(route.function().name());
        long started = System.nanoTime();
        activity.started();
        Object result;
        try {
            result = invoker.invoke(route.function(), request, bindings, context);
        } catch (RuntimeException e) {
            activity.log(executed(route, context, "Failed", started) + ": " + failure(e));
            send(exchange, 500, Problem.CONTENT_TYPE, Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                    "The function failed; see the host log for invocation " + context.getInvocationId() + ".").json());
            return;
        } finally {
            activity.finished();
        }
        activity.log(executed(route, context, "Succeeded", started));
        respond(exchange, method, result);
    }

    /**
     * The body, or empty when it is over the limit: a larger {@code Content-Length} is refused unread,
     * and without one at most one byte past the limit is read.
     */
    private Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.trim().matches("[0-9]+")
                && (declared.trim().length() > 18 || Long.parseLong(declared.trim()) > maxBodyBytes)) {
            return Optional.empty();
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBodyBytes + 1));
        return body.length > maxBodyBytes ? Optional.empty() : Optional.of(body);
    }

    private static String executed(Route route, LocalExecutionContext context, String outcome, long startedNanos) {
        return "Executed '" + route.function().name() + "' (" + outcome + ", Id=" + context.getInvocationId()
                + ", Duration=" + (System.nanoTime() - startedNanos) / 1_000_000 + "ms)";
    }

    /** The exception chain's types and messages; functions keep patient data out of exception messages. */
    static String failure(Throwable e) {
        Throwable cause = e instanceof FunctionInvoker.FunctionFailedException && e.getCause() != null ? e.getCause() : e;
        StringBuilder text = new StringBuilder(cause.toString());
        for (StackTraceElement frame : cause.getStackTrace()) {
            text.append(System.lineSeparator()).append("    at ").append(frame);
        }
        return text.toString();
    }

    private void respond(HttpExchange exchange, HttpMethod method, Object result) throws IOException {
        if (!(result instanceof HttpResponseMessage response)) {
            if (result == null) {
                send(exchange, 204, null, "");
            } else {
                Payload payload = payload(result);
                send(exchange, 200, payload.contentType(), payload.bytes(), method);
            }
            return;
        }
        LocalHttpResponse local = response instanceof LocalHttpResponse l ? l : null;
        if (local != null) {
            local.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        }
        Payload payload = payload(response.getBody());
        String contentType = response.getHeader("Content-Type") != null ? null : payload.contentType();
        send(exchange, response.getStatusCode(), contentType, payload.bytes(), method);
    }

    private record Payload(String contentType, byte[] bytes) {}

    /** As the worker: strings as UTF-8 text, byte arrays as they are, anything else as JSON. */
    private static Payload payload(Object body) throws IOException {
        if (body == null) {
            return new Payload(null, new byte[0]);
        }
        if (body instanceof String s) {
            return new Payload("text/plain; charset=utf-8", s.getBytes(StandardCharsets.UTF_8));
        }
        if (body instanceof byte[] bytes) {
            return new Payload("application/octet-stream", bytes);
        }
        return new Payload("application/json; charset=utf-8", BODY_JSON.writeValueAsBytes(body));
    }

    private boolean authorised(AuthorizationLevel level, HttpExchange exchange) {
        if (level == AuthorizationLevel.ANONYMOUS) {
            return true;
        }
        String key = exchange.getRequestHeaders().getFirst(KEY_HEADER);
        if (key == null) {
            key = LocalHttpRequest.parseQuery(exchange.getRequestURI().getRawQuery()).get("code");
        }
        return key != null && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                functionKey.getBytes(StandardCharsets.UTF_8));
    }

    private static URI requestUri(HttpExchange exchange) {
        String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host"))
                .orElse("localhost:" + exchange.getLocalAddress().getPort());
        URI raw = exchange.getRequestURI();
        return URI.create("http://" + host + raw.getRawPath() + (raw.getRawQuery() == null ? "" : "?" + raw.getRawQuery()));
    }

    private static HttpMethod method(String name) {
        try {
            return HttpMethod.value(name.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8), null);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, HttpMethod method)
            throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean noBody = status == 204 || status == 304 || method == HttpMethod.HEAD;
        exchange.sendResponseHeaders(status, noBody ? -1 : (body.length == 0 ? -1 : body.length));
        if (!noBody && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private String indexPage(List<FunctionDefinition> functions, java.util.Set<String> pages) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Teams Telehealth: local host</title>"
                + "<style>body{font-family:system-ui,sans-serif;margin:2em}td,th{padding:.2em 1em;text-align:left}</style>"
                + "</head><body><h1>Local Functions host</h1><h2>Functions</h2><table><tr><th>Name</th><th>Trigger</th><th>Route / queue / schedule</th></tr>");
        for (FunctionDefinition f : functions) {
            String source = f.trigger() instanceof FunctionDefinition.Http http
                    ? String.join(",", http.methods().stream().map(Enum::name).sorted().toList()) + " /"
                            + (routePrefix.isEmpty() ? "" : routePrefix + "/") + http.route() + " (" + http.authLevel() + ")"
                    : f.trigger().source();
            html.append("<tr><td>").append(escape(f.name())).append("</td><td>").append(f.trigger().kind())
                    .append("</td><td>").append(escape(source)).append("</td></tr>");
        }
        html.append("</table><h2>Stand-in pages</h2><ul>");
        pages.stream().sorted().forEach(p -> html.append("<li><a href=\"/local/").append(escape(p)).append("\">")
                .append(escape(p)).append("</a></li>"));
        if (pages.isEmpty()) {
            html.append("<li>none</li>");
        }
        return html.append("</ul></body></html>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "local-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static void awaitTermination(ExecutorService pool) {
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
