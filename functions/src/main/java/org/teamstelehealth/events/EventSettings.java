package org.teamstelehealth.events;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.teamstelehealth.platform.SettingsSource;

/**
 * Where and how events go to the PMS.
 *
 * @param url {@code PMS_EVENTS_URL}: where events are POSTed; empty: events are recorded (and shown on the admin
 *     status as not sent) but nothing is POSTed
 * @param secrets {@code PMS_EVENTS_SECRETS}: the {@code whsec_...} signing secrets (current first, then the previous
 *     one while a rotation lasts) when settings hold them; empty when a Key Vault holds them instead
 *     ({@code pms-events-secret-current}, {@code pms-events-secret-previous})
 * @param timeout how long one POST may take before it counts as failed (and is retried)
 * @param retryFor how long a failing event is retried, from its first attempt, before it is recorded as finally failed
 * @param firstRetryDelay the wait after the first failure; doubled after each one after that
 * @param maxRetryDelay the longest wait between two attempts (a longer Retry-After is cut to it)
 */
public record EventSettings(Optional<URI> url, List<String> secrets, Duration timeout, Duration retryFor,
        Duration firstRetryDelay, Duration maxRetryDelay) {

    public EventSettings {
        secrets = List.copyOf(secrets);
    }

    public boolean sending() {
        return url.isPresent();
    }

    public static EventSettings from(SettingsSource source) {
        Optional<URI> url = Optional.ofNullable(source.uri("PMS_EVENTS_URL", null));
        List<String> secrets = source.list("PMS_EVENTS_SECRETS");
        if (secrets.size() > 2) {
            source.problem("PMS_EVENTS_SECRETS holds one or two whsec_... secrets (the current one, then the previous)");
        }
        for (String secret : secrets) {
            if (!secret.startsWith("whsec_")) {
                source.problem("PMS_EVENTS_SECRETS must hold whsec_... values");
                break;
            }
        }
        if (url.isPresent() && secrets.isEmpty() && source.optional("KEY_VAULT_URL").isEmpty()) {
            source.problem("PMS_EVENTS_SECRETS is required with PMS_EVENTS_URL when KEY_VAULT_URL is not set");
        }
        return new EventSettings(url, secrets,
                Duration.ofSeconds(source.integer("PMS_EVENTS_TIMEOUT_SECONDS", 10, 1, 60)),
                Duration.ofHours(source.integer("PMS_EVENTS_RETRY_HOURS", 24, 24, 24 * 7)),
                Duration.ofSeconds(source.integer("PMS_EVENTS_RETRY_FIRST_SECONDS", 30, 1, 3600)),
                Duration.ofSeconds(source.integer("PMS_EVENTS_RETRY_MAX_SECONDS", 3600, 1, 6 * 3600)));
    }
}
