package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedLinksTest {
    static final FeedSettings SETTINGS = new FeedSettings(Duration.ofDays(1826), Duration.ofDays(30), Duration.ofDays(180),
            FeedPatientName.GIVEN_FAMILY_INITIAL);
    static final URI BASE = URI.create("https://teams-telehealth-prod.azurewebsites.net/api");

    final InMemoryFeedLinkStore store = new InMemoryFeedLinkStore();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    FeedLinks links() {
        return new FeedLinks(store, SETTINGS, BASE, Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
    }

    /** The feed URL after {@code feeds/{providerId}/}: {@code calendar.ics?token=...}. */
    static String file(IssuedFeedLink issued) {
        String path = issued.feedUrl().getPath();
        return path.substring(path.lastIndexOf('/') + 1) + "?" + issued.feedUrl().getRawQuery();
    }

    static String token(IssuedFeedLink issued) {
        return issued.feedUrl().getRawQuery().replaceFirst("^token=", "");
    }

    /** The same link in the form issued before tokens moved to the query string: {@code {token}.ics}. */
    static String oldForm(IssuedFeedLink issued) {
        return token(issued) + ".ics";
    }

    @Test
    void aLinkCarriesAtLeast128RandomBitsAndOnlyItsHashIsStored() {
        IssuedFeedLink issued = links().issue("7", null, null);

        String token = token(issued);
        assertTrue(Base64.getUrlDecoder().decode(token).length * 8 >= 128, token);
        FeedLink stored = store.forProvider("7").get(0);
        assertNotEquals(token, stored.tokenHash());
        assertFalse(stored.toString().contains(token));
        assertEquals(FeedLinks.hash(token), stored.tokenHash());
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(token(links().issue("7", null, null)));
        }
        assertEquals(200, tokens.size());
    }

    @Test
    void aLinkLastsAlmostFiveYearsUnlessAskedOtherwise() {
        assertEquals(Instant.parse("2031-01-01T00:00:00Z"), links().issue("7", null, null).link().expiresAt());
        assertEquals(now.plus(Duration.ofDays(30)), links().issue("7", Duration.ofDays(30), null).link().expiresAt());
        assertThrows(FeedLinkException.class, () -> links().issue("7", Duration.ofDays(0), null));
    }

    @Test
    void urlsAreShortEnoughForGoogleAndSubscribeInOneClick() {
        IssuedFeedLink issued = links().issue("7", null, "Dr Victor Hong appointments");

        assertTrue(issued.feedUrl().toString().startsWith(BASE + "/feeds/7/"), issued.feedUrl().toString());
        assertTrue(issued.feedUrl().toString().matches(".*/feeds/7/calendar\\.ics\\?token=[A-Za-z0-9_-]{43}"),
                issued.feedUrl().toString());
        assertTrue(issued.feedUrl().toString().length() < 256);
        assertEquals(issued.feedUrl().toString().replace("https://", "webcal://"), issued.webcalUrl().toString());
        assertTrue(issued.webcalUrl().toString().length() < 256);
        String google = issued.googleCalendarUrl().toString();
        assertTrue(google.startsWith("https://calendar.google.com/calendar/r?cid="), google);
        assertEquals(issued.webcalUrl().toString(),
                URLDecoder.decode(google.substring(google.indexOf("cid=") + 4), StandardCharsets.UTF_8));
        String outlook = issued.outlookUrl().toString();
        assertTrue(outlook.startsWith("https://outlook.office.com/calendar/0/addfromweb?url="), outlook);
        assertTrue(outlook.contains("url=" + java.net.URLEncoder.encode(issued.feedUrl().toString(), StandardCharsets.UTF_8)), outlook);
        assertTrue(outlook.endsWith("&name=Dr%20Victor%20Hong%20appointments"), outlook);
    }

    @Test
    void aBaseUrlTooLongForGoogleIsRefusedAtIssue() {
        FeedLinks longBase = new FeedLinks(store, SETTINGS, URI.create("https://" + "x".repeat(200) + ".example.org/api"),
                Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());

        assertThrows(FeedLinkException.class, () -> longBase.issue("7", null, null));
        assertTrue(store.forProvider("7").isEmpty());
    }

    @Test
    void onlyTheRightUnrevokedUnexpiredTokenForThatProviderOpensTheFeed() {
        IssuedFeedLink issued = links().issue("7", Duration.ofDays(10), null);
        String token = token(issued);

        assertTrue(links().authenticate("7", "calendar.ics", token).isPresent());
        assertTrue(links().authenticate("8", "calendar.ics", token).isEmpty(), "another provider's path");
        assertTrue(links().authenticate("7", "calendar", token).isEmpty(), "no suffix");
        assertTrue(links().authenticate("7", "calendar.ics", null).isEmpty(), "no token");
        assertTrue(links().authenticate("7", "calendar.ics", "").isEmpty(), "empty token");
        assertTrue(links().authenticate("7", "calendar.ics", (token.startsWith("A") ? "B" : "A") + token.substring(1))
                .isEmpty(), "altered token");
        assertTrue(links().authenticate("7", token + ".ics", token).isEmpty(), "both forms at once");

        now = now.plus(Duration.ofDays(10));
        assertTrue(links().authenticate("7", "calendar.ics", token).isEmpty(), "expired");
    }

    @Test
    void aRevokedLinkStopsWorkingAndOthersCarryOn() {
        IssuedFeedLink first = links().issue("7", null, null);
        IssuedFeedLink second = links().issue("7", null, null);

        assertTrue(links().revoke("7", first.link().id()).isPresent());

        assertTrue(links().authenticate("7", "calendar.ics", token(first)).isEmpty());
        assertTrue(links().authenticate("7", "calendar.ics", token(second)).isPresent());
        assertTrue(links().revoke("7", "no-such-link").isEmpty());
        assertTrue(links().list("7").stream().anyMatch(l -> l.id().equals(first.link().id()) && l.revokedAt() != null));
    }

    @Test
    void theTokenTravelsInTheQueryStringWhichTheHostsTelemetryDoesNotRecord() {
        IssuedFeedLink issued = links().issue("7", null, null);

        assertEquals("/api/feeds/7/calendar.ics", issued.feedUrl().getPath());
        assertFalse(issued.feedUrl().getPath().contains(token(issued)));
        assertTrue(issued.webcalUrl().toString().endsWith("?token=" + token(issued)), issued.webcalUrl().toString());
    }

    @Test
    void aLinkOfTheOldPathFormKeepsWorkingUntilRevokedOrExpired() {
        IssuedFeedLink old = links().issue("7", Duration.ofDays(10), null);
        IssuedFeedLink revoked = links().issue("7", null, null);
        links().revoke("7", revoked.link().id());

        assertTrue(links().authenticate("7", oldForm(old), null).isPresent());
        assertTrue(links().authenticate("7", oldForm(revoked), null).isEmpty(), "revoked");
        assertTrue(links().authenticate("7", "calendar.ics", null).isEmpty(), "calendar is no token");
        now = now.plus(Duration.ofDays(10));
        assertTrue(links().authenticate("7", oldForm(old), null).isEmpty(), "expired");
    }
}
