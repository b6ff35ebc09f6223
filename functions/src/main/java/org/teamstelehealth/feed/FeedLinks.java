package org.teamstelehealth.feed;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues, lists, revokes and checks providers' calendar feed links. A link's token is 256 random
 * bits and the only secret in its URL (the provider id beside it only says which partition to look
 * in); only the token's SHA-256 is stored, so a copy of the table opens no feed.
 *
 * <p>Links are {@code feeds/{providerId}/calendar.ics?token=...}: the token is in the query string
 * because the Functions host's request telemetry records the path but strips the query string
 * (unless {@code enableQueryStringTracing} is turned on in host.json, which this app never does).
 * Links issued before that, {@code feeds/{providerId}/{token}.ics}, are still accepted (deprecated)
 * until they are revoked or expire.
 */
public final class FeedLinks {
    /** Google Calendar refuses subscription URLs longer than this. */
    public static final int MAX_URL_LENGTH = 255;
    public static final String FILE_SUFFIX = ".ics";
    /** The last path segment of every link issued now; the token follows as {@code ?token=}. */
    public static final String FILE = "calendar.ics";
    private static final int TOKEN_BYTES = 32;
    private static final String DEFAULT_CALENDAR_NAME = "Telehealth appointments";

    private final FeedLinkStore store;
    private final FeedSettings settings;
    private final URI publicBaseUrl;
    private final Clock clock;
    private final SecureRandom random;

    public FeedLinks(FeedLinkStore store, FeedSettings settings, URI publicBaseUrl, Clock clock, SecureRandom random) {
        this.store = store;
        this.settings = settings;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
        this.random = random;
    }

    /**
     * @param expiresIn how long the link works, or {@code null} for {@code FEED_LINK_EXPIRY_DAYS}
     * @param calendarName what calendar apps call the subscription, or {@code null} for a plain default
     * @throws FeedLinkException when the expiry is out of range or the URL would be too long for Google
     */
    public IssuedFeedLink issue(String providerId, Duration expiresIn, String calendarName) {
        Duration lifetime = expiresIn == null ? settings.linkExpiry() : expiresIn;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofDays(3660)) > 0) {
            throw new FeedLinkException("expires_in_days must be between 1 and 3660");
        }
        String token = newToken();
        URI feedUrl = feedUrl(providerId, token);
        if (feedUrl.toString().length() > MAX_URL_LENGTH) {
            throw new FeedLinkException("The feed URL would be longer than " + MAX_URL_LENGTH
                    + " characters, which Google Calendar refuses; use a shorter PUBLIC_BASE_URL or provider id");
        }
        Instant now = clock.instant();
        FeedLink link = new FeedLink(providerId, UUID.randomUUID().toString(), hash(token), calendarName,
                now, now.plus(lifetime), null);
        store.insert(link);
        String name = calendarName == null ? DEFAULT_CALENDAR_NAME : calendarName;
        URI webcal = URI.create(feedUrl.toString().replaceFirst("^https?://", "webcal://"));
        return new IssuedFeedLink(link, feedUrl, webcal,
                URI.create("https://calendar.google.com/calendar/r?cid=" + encode(webcal.toString())),
                URI.create("https://outlook.office.com/calendar/0/addfromweb?url=" + encode(feedUrl.toString())
                        + "&name=" + encode(name)));
    }

    /** The provider's links, newest first. */
    public List<FeedLink> list(String providerId) {
        return store.forProvider(providerId).stream()
                .sorted(Comparator.comparing(FeedLink::createdAt).reversed())
                .toList();
    }

    /** @return the revoked link, or empty when the provider has no such link */
    public Optional<FeedLink> revoke(String providerId, String linkId) {
        return store.find(providerId, linkId).map(link -> {
            if (link.revokedAt() != null) {
                return link;
            }
            FeedLink revoked = link.revoked(clock.instant());
            store.update(revoked);
            return revoked;
        });
    }

    /**
     * The usable link whose token was presented, by comparing hashes in constant time.
     *
     * @param file the last path segment: {@value #FILE}, or {@code <token>.ics} for a link of the old form
     * @param queryToken the {@code token} query parameter, or {@code null}
     */
    public Optional<FeedLink> authenticate(String providerId, String file, String queryToken) {
        return presentedToken(file, queryToken).flatMap(token -> match(providerId, token));
    }

    /** New form: {@value #FILE} with {@code ?token=}. Old form: {@code <token>.ics} without one. Never both. */
    private static Optional<String> presentedToken(String file, String queryToken) {
        if (file == null || !file.endsWith(FILE_SUFFIX)) {
            return Optional.empty();
        }
        if (queryToken != null) {
            return file.equals(FILE) && !queryToken.isEmpty() ? Optional.of(queryToken) : Optional.empty();
        }
        String legacy = file.substring(0, file.length() - FILE_SUFFIX.length());
        return legacy.isEmpty() || file.equals(FILE) ? Optional.empty() : Optional.of(legacy);
    }

    private Optional<FeedLink> match(String providerId, String token) {
        if (providerId == null) {
            return Optional.empty();
        }
        byte[] presented = hash(token).getBytes(StandardCharsets.US_ASCII);
        Instant now = clock.instant();
        FeedLink match = null;
        for (FeedLink link : store.forProvider(providerId)) {
            if (MessageDigest.isEqual(presented, link.tokenHash().getBytes(StandardCharsets.US_ASCII))) {
                match = link;
            }
        }
        return Optional.ofNullable(match).filter(link -> link.usableAt(now));
    }

    URI feedUrl(String providerId, String token) {
        String base = publicBaseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/feeds/" + encode(providerId) + "/" + FILE + "?token=" + token);
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
