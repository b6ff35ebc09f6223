package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.calendar.CalendarIdentity;
import org.teamstelehealth.join.JoinFunction;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.TestSettings;

/** The functions as Application builds them from settings, with appointments and feed links in Azurite. */
class FeedThroughApplicationTest {
    final Application application = new Application(
            TestSettings.settings(Map.of("FEED_WINDOW_DAYS_AHEAD", "30", "FEED_LINK_EXPIRY_DAYS", "400",
                    "ADMIN_AUTH", "function_key")),
            Clock.fixed(Instant.parse("2024-09-20T00:00:00Z"), ZoneOffset.UTC), null);

    @Test
    void anIssuedLinkServesTheFeedUntilRevoked() throws Exception {
        String provider = "7-" + System.nanoTime();
        application.appointments().save(unsaved(withProvider(provider)));
        String admin = "https://telehealth.example.org/api/manage/providers/" + provider + "/feed-links";
        FeedLinksFunction links = application.function(FeedLinksFunction.class);
        JsonNode issued = Json.MAPPER.readTree(FakeHttpRequest.response(links.issue(
                FakeHttpRequest.post(admin), provider, null)).bodyText());
        URI feedUrl = URI.create(issued.get("feed_url").asText());
        String file = feedUrl.getPath().replaceAll(".*/", "");

        assertTrue(feedUrl.toString().startsWith("https://telehealth.example.org/api/feeds/" + provider + "/"), feedUrl.toString());
        assertEquals("2025-10-25T00:00:00Z", issued.get("expires").asText());
        FakeHttpRequest.Response feed = FakeHttpRequest.response(application.function(FeedFunction.class)
                .run(FakeHttpRequest.get(feedUrl.toString()), provider, file, null));
        assertEquals(200, feed.getStatusCode());
        assertTrue(feed.bodyText().contains("UID:" + CalendarIdentity.uid("feed-" + provider)), feed.bodyText());

        String id = issued.get("id").asText();
        links.revoke(FakeHttpRequest.delete(admin + "/" + id), provider, id, null);
        assertEquals(404, application.function(FeedFunction.class)
                .run(FakeHttpRequest.get(feedUrl.toString()), provider, file, null).getStatusCode());
    }

    @Test
    void byDefaultTheFeedNamesThePatientByGivenNameAndFamilyInitialAndCopiesNoContactDetailsOrTeamsUrl() throws Exception {
        String provider = "7-" + System.nanoTime();
        application.appointments().save(unsaved(withProvider(provider)));

        String ics = feedOf(provider).replace("\r\n ", "");

        assertTrue(ics.contains("SUMMARY:Clintel T. – Telehealth"), ics);
        assertTrue(ics.contains(new org.teamstelehealth.join.JoinLinks(TestSettings.settings().join().linkKey(),
                URI.create("https://telehealth.example.org/api")).link("feed-" + provider, "12",
                org.teamstelehealth.join.JoinLinks.Participant.PROVIDER, "nonce-feed-" + provider).toString()), ics);
        for (String secret : new String[] {"Clintel Test", "Test (", "teams.microsoft.com", "not for Teams",
                "+61415100919", "clintel@example.org", "000012"}) {
            assertFalse(ics.contains(secret), secret + " in " + ics);
        }
    }

    private String feedOf(String provider) throws Exception {
        String admin = "https://telehealth.example.org/api/manage/providers/" + provider + "/feed-links";
        JsonNode issued = Json.MAPPER.readTree(FakeHttpRequest.response(application.function(FeedLinksFunction.class)
                .issue(FakeHttpRequest.post(admin), provider, null)).bodyText());
        URI feedUrl = URI.create(issued.get("feed_url").asText());
        return FakeHttpRequest.response(application.function(FeedFunction.class).run(FakeHttpRequest.get(feedUrl.toString()),
                provider, feedUrl.getPath().replaceAll(".*/", ""), null)).bodyText();
    }

    @Test
    void joinLinksAreSignedWithTheConfiguredKeyAndBaseUrl() throws Exception {
        String appointmentId = "46-" + System.nanoTime();
        application.appointments().save(unsaved(Appointments.ready(appointmentId, "2024-09-27T15:00:00+09:30")));
        String link = new org.teamstelehealth.join.JoinLinks(TestSettings.settings().join().linkKey(),
                URI.create("https://telehealth.example.org/api")).link(appointmentId, "12",
                org.teamstelehealth.join.JoinLinks.Participant.PATIENT, "nonce-" + appointmentId).toString();

        FakeHttpRequest.Response response = FakeHttpRequest.response(application.function(JoinFunction.class)
                .run(FakeHttpRequest.get(link), "12", appointmentId, null));

        assertEquals(200, response.getStatusCode(), "too early on the 20th for the 27th");
        assertTrue(response.bodyText().contains("Friday 27 September 2024"));
    }

    private static org.teamstelehealth.appointments.Appointment withProvider(String provider) {
        var a = Appointments.ready("feed-" + provider, "2024-09-27T15:00:00+09:30");
        var s = a.snapshot();
        return Appointments.withSnapshot(a, new org.teamstelehealth.messages.Snapshot(s.id(), s.version(), s.status(),
                s.start(), s.durationMinutes(), s.timeZone(), s.comments(), s.appointmentType(), s.patient(),
                new org.teamstelehealth.messages.Snapshot.Provider(provider, "Dr Victor Hong", null, null, null),
                s.location(), s.session()), false);
    }

    /** The fixture as a row never stored: no ETag, so the store inserts it. */
    private static org.teamstelehealth.appointments.Appointment unsaved(org.teamstelehealth.appointments.Appointment a) {
        return new org.teamstelehealth.appointments.Appointment(a.id(), a.version(), a.snapshot(), a.deleted(), a.status(),
                a.meeting(), a.sequence(), a.patientNotified(), a.failureReason(), a.updatedAt(), null, a.pendingIntents(),
                a.incarnation(), a.linkNonce(), java.util.List.of(), 0, null, null, null);
    }
}
