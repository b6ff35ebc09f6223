package org.teamstelehealth.platform;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details body. {@code errors} lists each bad field as
 * {@code {"pointer": "/appointment/version", "detail": "..."}} so a PMS developer sees every field at once;
 * {@code extensions} are further members, in order, after the standard ones (see {@link #with}).
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
        Map<String, Object> extensions) {

    public static final String CONTENT_TYPE = "application/problem+json";

    /** One invalid field, addressed by a JSON Pointer into the request body. */
    public record FieldError(String pointer, String detail) {}

    public Problem {
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static Problem of(HttpStatus status, String title, String detail) {
        return of(status.value(), title, detail);
    }

    /** As {@link #of(HttpStatus, String, String)}, for rules that know no HTTP library. */
    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public static Problem invalidFields(String title, List<FieldError> errors) {
        return new Problem("about:blank", title, 400, errors.size() + " field(s) are not as the contract says",
                errors, null);
    }

    /** This problem with one more member (RFC 9457 §3.2), e.g. where in a template it went wrong. */
    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, errors, more);
    }

    public HttpResponseMessage toResponse(HttpRequestMessage<?> request) {
        return toResponse(request, Map.of());
    }

    /** The response with extra headers, e.g. {@code Retry-After} on a 503. */
    public HttpResponseMessage toResponse(HttpRequestMessage<?> request, Map<String, String> headers) {
        HttpResponseMessage.Builder response = request.createResponseBuilder(HttpStatus.valueOf(status))
                .header("Content-Type", CONTENT_TYPE);
        headers.forEach(response::header);
        return response.body(json()).build();
    }

    /** The body as JSON, for a host that answers without a function's response builder. */
    public String json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (errors != null) {
            body.put("errors", errors);
        }
        body.putAll(extensions);
        return Json.write(body);
    }
}
