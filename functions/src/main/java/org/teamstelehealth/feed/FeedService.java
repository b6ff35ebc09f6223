package org.teamstelehealth.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentStore;

/**
 * Serves a provider's feed: checks the link, reads the provider's appointments in the window with
 * one store call, and renders them.
 */
public final class FeedService {
    private final FeedLinks links;
    private final AppointmentStore store;
    private final FeedRenderer renderer;
    private final FeedSettings settings;
    private final Clock clock;

    /** A rendered feed and its strong ETag (a hash of the body). */
    public record RenderedFeed(String body, String etag) {}

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
            Instant now = clock.instant();
            List<Appointment> appointments = store.forProvider(providerId,
                    now.minus(settings.windowBack()), now.plus(settings.windowAhead()));
            String body = renderer.render(calendarName(appointments, link), appointments);
            return new RenderedFeed(body, etag(body));
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

    private static String etag(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
