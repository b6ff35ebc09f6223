package org.teamstelehealth.platform;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;

/** The one way functions answer with JSON: the body written by {@link Json}, snake_case like the contract. */
public final class JsonResponses {
    private JsonResponses() {}

    /** A response builder with {@code body} as JSON; callers add any further headers and build it. */
    public static HttpResponseMessage.Builder json(HttpRequestMessage<?> request, HttpStatus status, Object body) {
        return request.createResponseBuilder(status)
                .header("Content-Type", "application/json")
                .body(Json.write(body));
    }
}
