package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.notifications.InMemoryTemplateStore;
import org.teamstelehealth.notifications.TemplateName;
import org.teamstelehealth.notifications.Templates;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.FakeHttpRequest.Response;
import org.teamstelehealth.testing.MutableClock;

/**
 * The feed's ETag comes from the provider's schedule change token, the link, the window's day and the
 * wording in force, not from the body: a 304 reads no appointment and renders nothing, and everything
 * that would change the body changes the ETag.
 */
class FeedETagTest {
    private final InMemoryFeedLinkStore linkStore = new InMemoryFeedLinkStore();
    private final InMemoryAppointmentStore appointments = new InMemoryAppointmentStore();
    private final InMemoryTemplateStore templateStore = new InMemoryTemplateStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-09-20T01:00:00Z"));
    private FeedSettings settings = FeedLinksTest.SETTINGS;

    FeedETagTest() {
        appointments.put(Appointments.ready("46", "2024-09-27T15:00:00+09:30"));
        appointments.put(Appointments.ready("30", "2024-08-21T12:00:00Z"));   // the window's first day
        appointments.put(Appointments.ready("90", "2024-12-30T12:00:00Z"));   // 101 days ahead
    }

    private FeedLinks links() {
        return new FeedLinks(linkStore, settings, FeedLinksTest.BASE, clock, new SecureRandom());
    }

    private Response get(String file, String ifNoneMatch) {
        TemplatedEventText text = new TemplatedEventText(new Templates(templateStore), FeedRendererTest.LINKS,
                Locale.forLanguageTag("en-AU"), clock,
                new ProviderEventText(FeedRendererTest.LINKS, settings.patientName()), settings.patientName());
        FeedService service = new FeedService(links(), appointments, new FeedRenderer(text), settings, clock);
        FakeHttpRequest request = FakeHttpRequest.get("https://telehealth.example.org/api/feeds/7/" + file);
        if (ifNoneMatch != null) {
            request.header("if-none-match", ifNoneMatch);
        }
        return FakeHttpRequest.response(new FeedFunction(service).run(request, "7", file.replaceFirst("\\?.*", ""), null));
    }

    @Test
    void a304ReadsNoAppointmentAndRendersNothing() {
        String file = FeedLinksTest.file(links().issue("7", null, null));
        String etag = get(file, null).getHeader("ETag");
        int reads = appointments.providerReads.get();

        Response again = get(file, etag);

        assertEquals(304, again.getStatusCode());
        assertEquals(reads, appointments.providerReads.get(), "the 304 came from the change token alone");
    }

    @Test
    void anotherInstanceOfTheAppGivesTheSameETagAndBodyLaterTheSameDay() {
        String file = FeedLinksTest.file(links().issue("7", null, null));
        Response first = get(file, null);
        clock.advance(Duration.ofHours(20));

        Response later = get(file, null);

        assertEquals(first.getHeader("ETag"), later.getHeader("ETag"));
        assertEquals(first.bodyText(), later.bodyText());
        assertEquals(304, get(file, first.getHeader("ETag")).getStatusCode());
    }

    @Test
    void aChangedAppointmentChangesIt() {
        String file = FeedLinksTest.file(links().issue("7", null, null));
        Response before = get(file, null);
        Appointment a = Appointments.ready("46", "2024-09-27T15:00:00+09:30");
        appointments.put(a.withLinkNonce("revoked-and-renewed", Instant.parse("2024-09-20T01:00:00Z")));

        Response after = get(file, before.getHeader("ETag"));

        assertEquals(200, after.getStatusCode());
        assertNotEquals(before.bodyText(), after.bodyText(), "the provider's join link changed");
    }

    @Test
    void anEditedFeedTemplateChangesItOnceTheFeedSeesTheEdit() throws Exception {
        String file = FeedLinksTest.file(links().issue("7", null, null));
        String before = get(file, null).getHeader("ETag");

        templateStore.save(TemplateName.FEED_SUMMARY.id(), "Telehealth: {{patient.display_name}}");
        clock.advance(Duration.ofMinutes(2));
        Response after = get(file, before);

        assertEquals(200, after.getStatusCode());
        assertEquals(true, after.bodyText().contains("SUMMARY:Telehealth: "), after.bodyText());
    }

    @Test
    void theNextDayMovesTheWindowAndChangesIt() {
        String file = FeedLinksTest.file(links().issue("7", null, null));
        String before = get(file, null).getHeader("ETag");
        clock.set(Instant.parse("2024-09-21T00:00:00Z"));

        Response after = get(file, before);
        assertEquals(200, after.getStatusCode());
        assertEquals(false, after.bodyText().contains(org.teamstelehealth.calendar.CalendarIdentity.uid("30")));
    }

    @Test
    void otherFeedSettingsChangeIt() {
        String file = FeedLinksTest.file(links().issue("7", null, null));
        String before = get(file, null).getHeader("ETag");

        settings = new FeedSettings(settings.linkExpiry(), settings.windowBack(), Duration.ofDays(90), settings.patientName());
        assertEquals(200, get(file, before).getStatusCode(), "a shorter window");
        settings = new FeedSettings(settings.linkExpiry(), settings.windowBack(), settings.windowAhead(),
                FeedPatientName.INITIALS);
        Response initials = get(file, before);
        assertEquals(200, initials.getStatusCode(), "less of the name");
    }

    @Test
    void aRevokedLinkGets404EvenWithTheRightETag() {
        IssuedFeedLink plain = links().issue("7", null, null);
        String etag = get(FeedLinksTest.file(plain), null).getHeader("ETag");

        links().revoke("7", plain.link().id());
        assertEquals(404, get(FeedLinksTest.file(plain), etag).getStatusCode());
    }
}
