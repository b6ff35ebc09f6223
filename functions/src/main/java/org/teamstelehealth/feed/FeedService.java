package org.teamstelehealth.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentStore;

/**
 * Serves a provider's feed: checks the link, reads the provider's appointments in the window with
 * one store call, and renders them.
 *
 * <p>The ETag is not a hash of the body: it hashes what the body is made from (the provider's
 * {@linkplain AppointmentStore#scheduleChange schedule change token}, the link, the window and
 * {@linkplain FeedRenderer#fingerprint the wording in force}), so an unchanged feed answers 304 after two
 * point reads (the link and the token) and no render. The window runs from midnight UTC so that it
 * moves once a day, with the ETag, rather than with every request.
 */
public final class FeedService {
    private final FeedLinks links;
    private final AppointmentStore store;
    private final FeedRenderer renderer;
    private final FeedSettings settings;
    private final Clock clock;

    /** A feed's strong ETag, and its body, rendered on first use. */
    public static final class RenderedFeed {
        private final String etag;
        private final Supplier<String> render;
        private String body;

        RenderedFeed(String etag, Supplier<String> render) {
            this.etag = etag;
            this.render = render;
        }

        public String etag() {
            return etag;
        }

        /** Reads the window and renders it, the first time only. */
        public String body() {
            if (body == null) {
                body = render.get();
            }
            return body;
        }
    }

    public FeedService(FeedLinks links, AppointmentStore store, FeedRenderer renderer, FeedSettings settings, Clock clock) {
        this.links = links;
        this.store = store;
        this.renderer = renderer;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param file the last path segment of the feed URL (see {@link FeedLinks#authenticate})
     * @param queryToken the {@code token} query parameter, or {@code null}
     * @return empty for a wrong, revoked or expired link
     */
    public Optional<RenderedFeed> feed(String providerId, String file, String queryToken) {
        return links.authenticate(providerId, file, queryToken).map(link -> {
            Instant today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant from = today.minus(settings.windowBack());
            Instant to = today.plus(Duration.ofDays(1)).plus(settings.windowAhead());
            // Read before the window: a save in between shows as a new token next time, never as a stale 304.
            String change = store.scheduleChange(providerId);
            String etag = etag(String.join("\n", change, link.id(), String.valueOf(link.calendarName()),
                    from.toString(), to.toString(), renderer.fingerprint()));
            return new RenderedFeed(etag, () -> {
                List<Appointment> appointments = store.forProvider(providerId, from, to);
                return renderer.render(calendarName(appointments, link), appointments, today, FeedRenderer.MAX_BYTES);
            });
        });
    }

    /** The provider's name as the PMS last sent it, else the name given when the link was issued. */
    private static String calendarName(List<Appointment> appointments, FeedLink link) {
        return appointments.stream()
                .filter(a -> a.snapshot().provider() != null && a.snapshot().provider().displayName() != null)
                .max(Comparator.comparing(a -> a.updatedAt() == null ? Instant.EPOCH : a.updatedAt()))
                .map(a -> a.snapshot().provider().displayName() + " appointments")
                .orElse(link.calendarName() != null ? link.calendarName() : "Telehealth appointments");
    }

    private static String etag(String inputs) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inputs.getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
