package org.teamstelehealth.local;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request a function receives, shaped as the Java worker shapes it: header names lower-cased,
 * repeated headers and query parameters joined with commas, the body as a UTF-8 string, or for a
 * {@code dataType = "binary"} trigger the bytes as sent; empty when there is none.
 *
 * @param <B> {@code String} or {@code byte[]}
 */
final class LocalHttpRequest<B> implements HttpRequestMessage<Optional<B>> {
    private final URI uri;
    private final HttpMethod method;
    private final Map<String, String> headers;
    private final Map<String, String> query;
    private final Optional<B> body;

    private LocalHttpRequest(URI uri, HttpMethod method, Map<String, List<String>> rawHeaders, Optional<B> body) {
        this.uri = uri;
        this.method = method;
        this.headers = Collections.unmodifiableMap(lowerCased(rawHeaders));
        this.query = Collections.unmodifiableMap(parseQuery(uri.getRawQuery()));
        this.body = body;
    }

    /** The body decoded as UTF-8, as the worker hands it to an {@code Optional<String>} trigger. */
    static LocalHttpRequest<String> text(URI uri, HttpMethod method, Map<String, List<String>> rawHeaders, byte[] body) {
        return new LocalHttpRequest<>(uri, method, rawHeaders,
                body.length == 0 ? Optional.empty() : Optional.of(new String(body, StandardCharsets.UTF_8)));
    }

    /** The body's bytes untouched, for a {@code dataType = "binary"} trigger. */
    static LocalHttpRequest<byte[]> binary(URI uri, HttpMethod method, Map<String, List<String>> rawHeaders, byte[] body) {
        return new LocalHttpRequest<>(uri, method, rawHeaders, body.length == 0 ? Optional.empty() : Optional.of(body));
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
    public Optional<B> getBody() {
        return body;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new LocalHttpResponse.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new LocalHttpResponse.Builder(status);
    }

    private static Map<String, String> lowerCased(Map<String, List<String>> raw) {
        Map<String, String> headers = new LinkedHashMap<>();
        raw.forEach((name, values) -> headers.merge(name.toLowerCase(), String.join(",", values), (a, b) -> a + "," + b));
        return headers;
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
