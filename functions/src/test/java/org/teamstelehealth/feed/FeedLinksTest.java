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

    static String file(IssuedFeedLink issued) {
        String path = issued.feedUrl().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Test
    void aLinkCarriesAtLeast128RandomBitsAndOnlyItsHashIsStored() {
        IssuedFeedLink issued = links().issue("7", null, null);

        String token = file(issued).replace(".ics", "");
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
            tokens.add(file(links().issue("7", null, null)));
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
        assertTrue(issued.feedUrl().toString().endsWith(".ics"));
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
        String file = file(issued);

        assertTrue(links().authenticate("7", file).isPresent());
        assertTrue(links().authenticate("8", file).isEmpty(), "another provider's path");
        assertTrue(links().authenticate("7", file.replace(".ics", "")).isEmpty(), "no suffix");
        assertTrue(links().authenticate("7", (file.startsWith("A") ? "B" : "A") + file.substring(1)).isEmpty(), "altered token");

        now = now.plus(Duration.ofDays(10));
        assertTrue(links().authenticate("7", file).isEmpty(), "expired");
    }

    @Test
    void aRevokedLinkStopsWorkingAndOthersCarryOn() {
        IssuedFeedLink first = links().issue("7", null, null);
        IssuedFeedLink second = links().issue("7", null, null);

        assertTrue(links().revoke("7", first.link().id()).isPresent());

        assertTrue(links().authenticate("7", file(first)).isEmpty());
        assertTrue(links().authenticate("7", file(second)).isPresent());
        assertTrue(links().revoke("7", "no-such-link").isEmpty());
        assertTrue(links().list("7").stream().anyMatch(l -> l.id().equals(first.link().id()) && l.revokedAt() != null));
    }
}
