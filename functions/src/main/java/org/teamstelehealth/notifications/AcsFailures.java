package org.teamstelehealth.notifications;

import org.teamstelehealth.platform.Adapter;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Turns what ACS answered into a {@link DeliveryException}: transient (try again later) or permanent. */
@Adapter
final class AcsFailures {
    /**
     * Throttling, timeouts and server errors pass; 401/403 are a configuration mistake an admin can
     * fix, so they are retried too; 409 is ACS still working on the same repeatable request, and 412
     * a repeatability time it no longer tracks (the next attempt sends a fresh one).
     */
    private static final Set<Integer> TRANSIENT = Set.of(401, 403, 408, 409, 412, 429, 500, 502, 503, 504);

    private AcsFailures() {}

    static boolean isTransient(int status) {
        return TRANSIENT.contains(status);
    }

    static DeliveryException fromResponse(String what, HttpResponseException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        Duration retryAfter = e.getResponse() == null ? null : retryAfter(e.getResponse().getHeaders());
        String reason = what + ": ACS answered HTTP " + status + describe(status) + errorCode(e);
        return new DeliveryException(reason, status == 0 || isTransient(status), retryAfter, null);
    }

    static DeliveryException fromStatus(String what, int status, String errorMessage) {
        String detail = errorMessage == null || errorMessage.isBlank() ? "" : " (" + scrub(errorMessage) + ")";
        return new DeliveryException(what + ": ACS answered HTTP " + status + describe(status) + detail,
                isTransient(status), null, null);
    }

    static DeliveryException unreachable(String what, Throwable e) {
        return new DeliveryException(what + ": ACS could not be reached (" + e.getClass().getSimpleName() + ")", true, null, null);
    }

    /** Retry-After in seconds or as an HTTP date, or the millisecond variants Azure services send. */
    static Duration retryAfter(HttpHeaders headers) {
        for (String name : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
            String value = headers.getValue(name);
            if (value != null) {
                try {
                    return Duration.ofMillis(Long.parseLong(value.trim()));
                } catch (NumberFormatException ignored) {
                    // fall through to Retry-After
                }
            }
        }
        String value = headers.getValue("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(Instant.now(), at);
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> " (the number or address was rejected)";
            case 401, 403 -> " (check the ACS key or identity and its role)";
            case 429 -> " (throttled)";
            default -> status >= 500 ? " (ACS is having trouble)" : "";
        };
    }

    /** Only ACS's error code ("InvalidRecipient"): the rest of its message can quote the recipient. */
    private static String errorCode(HttpResponseException e) {
        String text = (e.getValue() == null ? "" : e.getValue().toString()) + " " + e.getMessage();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([^\"]{1,80})\"").matcher(text);
        return code.find() ? " [" + code.group(1) + "]" : "";
    }

    /** ACS error text can quote the recipient: remove numbers and addresses before it is stored. */
    static String scrub(String text) {
        String scrubbed = text.replaceAll("[\\w.+-]+@[\\w.-]+", "[address]").replaceAll("\\+?\\d[\\d\\s-]{5,}\\d", "[number]");
        return scrubbed.length() > 200 ? scrubbed.substring(0, 200) : scrubbed;
    }
}
