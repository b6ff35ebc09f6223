package org.teamstelehealth.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.teamstelehealth.platform.Json;

/**
 * An HTTP request as the Functions worker hands it to an HTTP-triggered function, for calling a
 * function's {@code run} directly. Its response builder records what the function answered:
 *
 * <pre>{@code
 * FakeHttpRequest request = FakeHttpRequest.post("/api/webhooks/appointments")
 *         .header("Content-Type", "application/json").body("{...}");
 * FakeHttpRequest.Response response = FakeHttpRequest.response(function.run(request, FakeExecutionContext.of("intake")));
 * assertEquals(202, response.status());
 * }</pre>
 */
public final class FakeHttpRequest implements HttpRequestMessage<Optional<String>> {
    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private byte[] body;
    private boolean bodyRead;

    /**
     * A request to {@code uri}: a path is taken as one on the local host. The URI's query string fills
     * {@link #getQueryParameters()} as the worker does: names and values decoded, repeats joined with commas.
     */
    private FakeHttpRequest(HttpMethod method, String uri) {
        this.method = method;
        this.uri = URI.create(uri.startsWith("http") ? uri : "http://localhost:7071" + uri);
        String raw = this.uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    query.merge(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)),
                            (a, b) -> a + "," + b);
                }
            }
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public static FakeHttpRequest get(String uri) {
        return new FakeHttpRequest(HttpMethod.GET, uri);
    }

    public static FakeHttpRequest post(String uri) {
        return new FakeHttpRequest(HttpMethod.POST, uri);
    }

    public static FakeHttpRequest delete(String uri) {
        return new FakeHttpRequest(HttpMethod.DELETE, uri);
    }

    public static FakeHttpRequest request(HttpMethod method, String uri) {
        return new FakeHttpRequest(method, uri);
    }

    /**
     * Sets a header. Its name is lower-cased, as the Functions host does before handing headers to
     * the worker, so a function that looks up {@code "Content-Type"} fails here as it would on Azure.
     */
    public FakeHttpRequest header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    public FakeHttpRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public FakeHttpRequest body(String body) {
        this.body = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Sets the body as bytes, exactly as sent (for a {@code dataType = "binary"} trigger; see {@link #binary()}). */
    public FakeHttpRequest body(byte[] body) {
        this.body = body == null ? null : body.clone();
        return this;
    }

    /** Whether the function asked for the body (through this request or its {@link #binary()} view). */
    public boolean bodyRead() {
        return bodyRead;
    }

    /**
     * This request as the worker hands it to a trigger declared {@code dataType = "binary"}:
     * {@code HttpRequestMessage<Optional<byte[]>>}, the body's bytes as they were sent.
     */
    public HttpRequestMessage<Optional<byte[]>> binary() {
        FakeHttpRequest text = this;
        return new HttpRequestMessage<>() {
            @Override
            public URI getUri() {
                return text.getUri();
            }

            @Override
            public HttpMethod getHttpMethod() {
                return text.getHttpMethod();
            }

            @Override
            public Map<String, String> getHeaders() {
                return text.getHeaders();
            }

            @Override
            public Map<String, String> getQueryParameters() {
                return text.getQueryParameters();
            }

            @Override
            public Optional<byte[]> getBody() {
                bodyRead = true;
                return Optional.ofNullable(body).map(byte[]::clone);
            }

            @Override
            public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
                return text.createResponseBuilder(status);
            }

            @Override
            public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
                return text.createResponseBuilder(status);
            }
        };
    }

    /** The response a function returned, as this fake's builder made it. */
    public static Response response(HttpResponseMessage message) {
        return (Response) message;
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return query;
    }

    @Override
    public Optional<String> getBody() {
        bodyRead = true;
        return Optional.ofNullable(body).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new Builder().status(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new Builder().status(status);
    }

    /** Builds {@link Response}s the way the worker's builder does. */
    public static final class Builder implements HttpResponseMessage.Builder {
        private HttpStatusType status = HttpStatus.OK;
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private Object body;

        @Override
        public Builder status(HttpStatusType status) {
            this.status = status;
            return this;
        }

        @Override
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        @Override
        public Builder body(Object body) {
            this.body = body;
            return this;
        }

        @Override
        public Response build() {
            return new Response(status, Map.copyOf(headers), body);
        }
    }

    /** What a function answered; header lookup ignores case, like HTTP. */
    public static final class Response implements HttpResponseMessage {
        private final HttpStatusType status;
        private final Map<String, String> headers;
        private final Object body;

        private Response(HttpStatusType status, Map<String, String> headers, Object body) {
            this.status = status;
            this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            this.headers.putAll(headers);
            this.body = body;
        }

        @Override
        public HttpStatusType getStatus() {
            return status;
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name);
        }

        @Override
        public Object getBody() {
            return body;
        }

        public int status() {
            return status.value();
        }

        public Map<String, String> headers() {
            return headers;
        }

        /** The body as text (a String body as is, bytes as UTF-8, anything else as JSON). */
        public String bodyText() {
            if (body == null) {
                return "";
            }
            if (body instanceof String text) {
                return text;
            }
            if (body instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            return Json.write(body);
        }

        /** The body parsed as JSON. */
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(bodyText());
            } catch (JsonProcessingException e) {
                throw new AssertionError("The response body is not JSON: " + bodyText(), e);
            }
        }

        @Override
        public String toString() {
            return status.value() + " " + headers + " " + bodyText();
        }
    }
}
