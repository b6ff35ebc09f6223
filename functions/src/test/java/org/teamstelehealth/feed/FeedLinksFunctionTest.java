package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.AdminTokens;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.FakeHttpRequest.Response;

class FeedLinksFunctionTest {
    static final String URL = "https://telehealth.example.org/api/manage/providers/7/feed-links";
    final InMemoryFeedLinkStore store = new InMemoryFeedLinkStore();
    final FeedLinksFunction function = new FeedLinksFunction(new FeedLinks(store, FeedLinksTest.SETTINGS,
            FeedLinksTest.BASE, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new SecureRandom()),
            AdminTokens.functionKeyOnly());

    Response issue(String body) {
        return FakeHttpRequest.response(function.issue(FakeHttpRequest.post(URL).body(body), "7", null));
    }

    JsonNode json(Response response) throws Exception {
        return Json.MAPPER.readTree(response.bodyText());
    }

    @Test
    void issuingShowsTheUrlsOnceWithSubscribeLinks() throws Exception {
        Response response = issue("{\"expires_in_days\": 365}");

        assertEquals(201, response.getStatusCode());
        assertEquals("no-store", response.getHeader("Cache-Control"));
        JsonNode body = json(response);
        assertTrue(body.get("feed_url").asText().startsWith("https://teams-telehealth-prod.azurewebsites.net/api/feeds/7/"));
        assertTrue(body.get("webcal_url").asText().startsWith("webcal://"));
        assertTrue(body.get("google_calendar_url").asText().startsWith("https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2F"));
        assertTrue(body.get("outlook_url").asText().startsWith("https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2F"));
        assertEquals("2027-01-01T00:00:00Z", body.get("expires").asText());
        assertTrue(body.get("notice").asText().contains("do not share"));
        assertEquals("feed-links/" + body.get("id").asText(), response.getHeader("Location"));
    }

    @Test
    void anEmptyBodyIssuesTheDefaultFiveYearLink() throws Exception {
        assertEquals("2031-01-01T00:00:00Z", json(issue(null)).get("expires").asText());
        assertEquals("2031-01-01T00:00:00Z", json(issue("")).get("expires").asText());
    }

    @Test
    void badBodiesAreProblems() {
        Response malformed = issue("{\"expires_in_days\": \"soon\"}");
        assertEquals(400, malformed.getStatusCode());
        assertEquals("application/problem+json", malformed.getHeader("Content-Type"));
        assertEquals(400, issue("{\"expires_in_days\": -3}").getStatusCode());
        assertTrue(store.forProvider("7").isEmpty());
    }

    @Test
    void listingNeverShowsATokenAndRevokingMarksTheLink() throws Exception {
        JsonNode issued = json(issue(null));
        String token = issued.get("feed_url").asText().replaceAll(".*[?&]token=", "");
        String id = issued.get("id").asText();

        Response revoke = FakeHttpRequest.response(function.revoke(
                FakeHttpRequest.delete(URL + "/" + id), "7", id, null));
        Response list = FakeHttpRequest.response(function.list(FakeHttpRequest.get(URL), "7", null));

        assertEquals(204, revoke.getStatusCode());
        assertEquals(200, list.getStatusCode());
        assertFalse(list.bodyText().contains(token), list.bodyText());
        assertFalse(list.bodyText().contains(FeedLinks.hash(token)), list.bodyText());
        JsonNode link = json(list).get("links").get(0);
        assertEquals(id, link.get("id").asText());
        assertTrue(link.get("revoked").asBoolean());
        assertEquals("2026-01-01T00:00:00Z", link.get("created").asText());
        assertEquals(404, FakeHttpRequest.response(function.revoke(
                FakeHttpRequest.delete(URL + "/nope"), "7", "nope", null)).getStatusCode());
    }
}
