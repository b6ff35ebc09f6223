package org.teamstelehealth.testing;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An HTTP trigger's request as the worker hands it to a function, with a response builder that records what was built. */
public final class HttpRequestFake implements HttpRequestMessage<Optional<String>> {
    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> query = new LinkedHashMap<>();
    private final String body;

    public HttpRequestFake(HttpMethod method, URI uri, String body) {
        this.method = method;
        this.uri = uri;
        this.body = body;
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                query.put(decode(name), decode(value));
            }
        }
    }

    public static HttpRequestFake get(String uri) {
        return new HttpRequestFake(HttpMethod.GET, URI.create(uri), null);
    }

    public HttpRequestFake header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    @Override public URI getUri() { return uri; }
    @Override public HttpMethod getHttpMethod() { return method; }
    @Override public Map<String, String> getHeaders() { return headers; }
    @Override public Map<String, String> getQueryParameters() { return query; }
    @Override public Optional<String> getBody() { return Optional.ofNullable(body); }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new Response.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new Response.Builder(status);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** What a function answered. Header names are case-insensitive, as on the wire. */
    public record Response(HttpStatusType status, Map<String, String> headers, Object body) implements HttpResponseMessage {
        @Override public HttpStatusType getStatus() { return status; }
        @Override public String getHeader(String name) { return headers.get(name); }
        @Override public Object getBody() { return body; }

        public String bodyText() {
            return body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    : body == null ? null : body.toString();
        }

        static final class Builder implements HttpResponseMessage.Builder {
            private HttpStatusType status;
            private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            private Object body;

            Builder(HttpStatusType status) { this.status = status; }
            @Override public HttpResponseMessage.Builder status(HttpStatusType s) { this.status = s; return this; }
            @Override public HttpResponseMessage.Builder header(String name, String value) { headers.put(name, value); return this; }
            @Override public HttpResponseMessage.Builder body(Object b) { this.body = b; return this; }
            @Override public HttpResponseMessage build() { return new Response(status, headers, body); }
        }
    }

    /** The response a function returned, with its test-friendly accessors. */
    public static Response of(HttpResponseMessage message) {
        return (Response) message;
    }
}
