package org.teamstelehealth.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.teamstelehealth.events.EventDelivery.Status;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.platform.StandardWebhooks;

/**
 * Sends one recorded event to the PMS, signed as the PMS signs its webhooks to us (Standard Webhooks, the event's id
 * as {@code webhook-id} on every attempt), and records how it went in the {@link EventDeliveryLog}:
 * <ul>
 *   <li>2xx: delivered; 410 Gone: the PMS wants no more of it, not retried;
 *   <li>anything else, or no answer within the timeout: tried again after an exponential backoff (or the PMS's
 *       Retry-After), by putting the event back on the queue with that delay, until {@link EventSettings#retryFor()}
 *       after the first attempt has passed; then it is recorded finally failed;
 *   <li>an event the log already has settled (a repeat from the outbox) is not sent again.
 * </ul>
 * Events are not held back for one another: the PMS orders them by {@code sequence} and drops older ones.
 */
public final class EventSender {
    private static final Logger LOG = Logger.getLogger(EventSender.class.getName());

    public enum Outcome { DELIVERED, GONE, RETRY_SCHEDULED, FAILED, NOT_SENT, ALREADY_SETTLED }

    private final EventSettings settings;
    private final EventBody bodies;
    private final SigningSecrets secrets;
    private final PmsEndpoint pms;
    private final EventDeliveryLog log;
    private final EventRetries retries;
    private final Clock clock;

    public EventSender(EventSettings settings, EventBody bodies, SigningSecrets secrets, PmsEndpoint pms,
            EventDeliveryLog log, EventRetries retries, Clock clock) {
        this.settings = settings;
        this.bodies = bodies;
        this.secrets = secrets;
        this.pms = pms;
        this.log = log;
        this.retries = retries;
        this.clock = clock;
    }

    public Outcome send(PmsEvent event) {
        Instant now = clock.instant();
        Optional<EventDelivery> found = log.find(event.appointmentId(), event.id());
        if (found.isPresent() && found.get().status().settled()) {
            return Outcome.ALREADY_SETTLED;
        }
        EventDelivery delivery = found.orElseGet(() -> EventDelivery.first(event, now));
        if (!settings.sending()) {
            log.save(delivery.notSent(now));
            return Outcome.NOT_SENT;
        }
        byte[] body = bodies.of(event);
        List<String> signing;
        try {
            signing = secrets.current();
        } catch (RuntimeException e) {
            return retry(event, delivery, "the signing secrets could not be read", Optional.empty(), now);
        }
        if (signing.isEmpty()) {
            return retry(event, delivery, "there is no signing secret (pms-events-secret-current)", Optional.empty(), now);
        }
        Map<String, String> headers = headers(event.id(), now, body, signing);
        try {
            PmsEndpoint.Answer answer = pms.post(headers, body);
            if (answer.status() / 100 == 2) {
                log.save(delivery.attempted(Status.DELIVERED, "HTTP " + answer.status(), now, null));
                return Outcome.DELIVERED;
            }
            if (answer.status() == 410) {
                LOG.warning(() -> "The PMS answered 410 Gone to event " + event.id() + ": not sent again");
                log.save(delivery.attempted(Status.GONE, "HTTP 410: the PMS refused it for good", now, null));
                return Outcome.GONE;
            }
            return retry(event, delivery, "HTTP " + answer.status(), answer.retryAfter(), now);
        } catch (PmsUnreachableException e) {
            return retry(event, delivery, e.getMessage(), Optional.empty(), now);
        }
    }

    /** The request's headers: {@code webhook-signature} holds a signature by each current secret. */
    static Map<String, String> headers(String webhookId, Instant now, byte[] body, List<String> secrets) {
        String timestamp = Long.toString(now.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", StandardWebhooks.signatureHeader(secrets, webhookId, timestamp, body));
        return headers;
    }

    private Outcome retry(PmsEvent event, EventDelivery delivery, String result, Optional<Duration> retryAfter,
            Instant now) {
        Duration delay = delay(delivery.attempts() + 1, retryAfter);
        if (now.plus(delay).isAfter(delivery.firstAttemptAt().plus(settings.retryFor()))) {
            LOG.warning(() -> "Event " + event.id() + " finally failed after " + (delivery.attempts() + 1)
                    + " attempts: " + result);
            log.save(delivery.attempted(Status.FAILED, result + "; given up after " + (delivery.attempts() + 1)
                    + " attempts", now, null));
            return Outcome.FAILED;
        }
        log.save(delivery.attempted(Status.RETRYING, result, now, now.plus(delay)));
        retries.later(event, delay);
        LOG.info(() -> "Event " + event.id() + " got " + result + "; trying again in " + delay.toSeconds() + " s");
        return Outcome.RETRY_SCHEDULED;
    }

    /** The first retry delay doubled after each attempt, or the PMS's Retry-After; never more than the maximum. */
    Duration delay(int attempts, Optional<Duration> retryAfter) {
        Duration backoff = settings.firstRetryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        Duration delay = retryAfter.filter(d -> !d.isNegative()).orElse(backoff);
        return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
    }
}
