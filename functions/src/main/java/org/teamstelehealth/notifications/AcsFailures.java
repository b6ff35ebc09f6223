package org.teamstelehealth.notifications;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.RetryAfter;

/** Turns what ACS answered into a {@link DeliveryException}: transient (try again later) or permanent. */
@Adapter
final class AcsFailures {
    /**
     * Throttling, timeouts and server errors pass; 401/403 are a configuration mistake an admin can
     * fix, so they are retried too; 409 is ACS still working on the same repeatable request, and 412
     * a repeatability time it no longer tracks (the next attempt sends a fresh one).
     */
    private static final Set<Integer> TRANSIENT = Set.of(401, 403, 408, 409, 412, 429, 500, 502, 503, 504);
    /** Azure services' millisecond variants of Retry-After, which win over it when readable. */
    private static final List<HttpHeaderName> RETRY_AFTER_MS = List.of(HttpHeaderName.RETRY_AFTER_MS, HttpHeaderName.X_MS_RETRY_AFTER_MS);
    private static final Pattern MILLISECONDS = Pattern.compile("\\d{1,18}");

    private final Clock clock;

    /** @param clock the now an HTTP-date Retry-After is measured from */
    AcsFailures(Clock clock) {
        this.clock = clock;
    }

    static boolean isTransient(int status) {
        return TRANSIENT.contains(status);
    }

    DeliveryException fromResponse(String what, HttpResponseException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        String reason = what + ": ACS answered HTTP " + status + describe(status) + errorCode(e);
        if (status != 0 && !isTransient(status)) {
            return new PermanentDeliveryException(reason, null);
        }
        Duration retryAfter = e.getResponse() == null ? null : retryAfter(e.getResponse().getHeaders()).orElse(null);
        return new TransientDeliveryException(reason, retryAfter, null);
    }

    DeliveryException fromStatus(String what, int status, String errorMessage) {
        String detail = errorMessage == null || errorMessage.isBlank() ? "" : " (" + scrub(errorMessage) + ")";
        String reason = what + ": ACS answered HTTP " + status + describe(status) + detail;
        return isTransient(status)
                ? new TransientDeliveryException(reason, null, null)
                : new PermanentDeliveryException(reason, null);
    }

    TransientDeliveryException unreachable(String what, Throwable e) {
        return new TransientDeliveryException(what + ": ACS could not be reached (" + e.getClass().getSimpleName() + ")", null, null);
    }

    private Optional<Duration> retryAfter(HttpHeaders headers) {
        for (HttpHeaderName name : RETRY_AFTER_MS) {
            String value = headers.getValue(name);
            if (value != null && MILLISECONDS.matcher(value.trim()).matches()) {
                return Optional.of(Duration.ofMillis(Long.parseLong(value.trim())));
            }
        }
        HttpHeader retryAfter = headers.get(HttpHeaderName.RETRY_AFTER);
        return retryAfter == null ? Optional.empty() : RetryAfter.parse(retryAfter.getValuesList(), clock);
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
