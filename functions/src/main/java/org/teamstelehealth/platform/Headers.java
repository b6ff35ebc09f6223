package org.teamstelehealth.platform;

import java.util.Map;
import java.util.Optional;

/** HTTP header lookup. Header names are case-insensitive: the Functions host lower-cases them, other hosts may not. */
public final class Headers {
    private Headers() {}

    /** The value of the first header called {@code name} in any case; empty when there is none or it has no value. */
    public static Optional<String> first(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(header.getValue());
            }
        }
        return Optional.empty();
    }
}
