package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.calendar.CalendarIdentity;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.FakeHttpRequest.Response;

class FeedFunctionTest {
    final InMemoryFeedLinkStore linkStore = new InMemoryFeedLinkStore();
    final InMemoryAppointmentStore appointments = new InMemoryAppointmentStore();
    Instant now = Instant.parse("2024-09-20T00:00:00Z");

    FeedFunctionTest() {
        appointments.put(Appointments.ready("46", "2024-09-27T15:00:00+09:30"));
        appointments.put(Appointments.ready("45", "2024-08-01T09:00:00+09:30"));      // 50 days back: outside
        appointments.put(Appointments.ready("99", "2025-06-01T09:00:00+09:30"));      // 254 days ahead: outside
        Appointment cancelled = Appointments.ready("47", "2024-10-02T10:00:00+09:30");
        appointments.put(Appointments.withSnapshot(cancelled,
                Appointments.withStatus(cancelled.snapshot(), Snapshot.Status.CANCELLED), false));
        Appointment othersPatient = Appointments.ready("50", "2024-09-27T11:00:00+09:30");
        Snapshot s = othersPatient.snapshot();
        appointments.put(Appointments.withSnapshot(othersPatient, new Snapshot(s.id(), s.version(), s.status(), s.start(),
                s.durationMinutes(), s.timeZone(), s.comments(), s.appointmentType(), s.patient(),
                new Snapshot.Provider("8", "Dr Other", null, null, null), s.location(), s.session()), false));
    }

    Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    FeedLinks links() {
        return new FeedLinks(linkStore, FeedLinksTest.SETTINGS, FeedLinksTest.BASE, clock(), new SecureRandom());
    }

    Response get(String providerId, String file, String ifNoneMatch) {
        return get(providerId, file, ifNoneMatch, null);
    }

    Response get(String providerId, String file, String ifNoneMatch, String acceptEncoding) {
        FeedService service = new FeedService(links(), appointments,
                new FeedRenderer(new ProviderEventText(FeedRendererTest.LINKS, FeedPatientName.GIVEN_FAMILY_INITIAL)), FeedLinksTest.SETTINGS, clock());
        FakeHttpRequest request = FakeHttpRequest.get("https://telehealth.example.org/api/feeds/" + providerId + "/" + file);
        String pathSegment = file.replaceFirst("\\?.*", "");
        if (ifNoneMatch != null) {
            request.header("if-none-match", ifNoneMatch);
        }
        if (acceptEncoding != null) {
            request.header("accept-encoding", acceptEncoding);
        }
        return FakeHttpRequest.response(new FeedFunction(service).run(request, providerId, pathSegment, null));
    }

    @Test
    void servesTheProvidersAppointmentsInTheWindowFromOneStoreRead() {
        String file = FeedLinksTest.file(links().issue("7", null, null));

        Response response = get("7", file, null);

        assertEquals(200, response.getStatusCode());
        assertEquals("text/calendar; charset=utf-8", response.getHeader("Content-Type"));
        String ics = response.bodyText();
        assertTrue(ics.contains("UID:" + CalendarIdentity.uid("46") + "\r\n"), ics);
        assertTrue(ics.contains("UID:" + CalendarIdentity.uid("47") + "\r\n"), ics);
        assertFalse(ics.contains(CalendarIdentity.uid("45")), "before the window");
        assertFalse(ics.contains(CalendarIdentity.uid("99")), "after the window");
        assertFalse(ics.contains(CalendarIdentity.uid("50")), "another provider's");
        assertTrue(ics.contains("STATUS:CANCELLED"), ics);
        assertTrue(ics.contains("X-WR-CALNAME:Dr Victor Hong appointments\r\n"), ics);
        assertEquals(1, appointments.providerReads.get());
        assertEquals(0, appointments.finds.get());
        assertEquals("no-referrer", response.getHeader("Referrer-Policy"));
    }

    @Test
    void anUnchangedFeedAnswers304ToItsETag() {
        String file = FeedLinksTest.file(links().issue("7", null, null));
        String etag = get("7", file, null).getHeader("ETag");

        Response again = get("7", file, etag);
        assertEquals(304, again.getStatusCode());
        assertNull(again.getBody());
        assertEquals(etag, again.getHeader("ETag"));
        assertEquals(304, get("7", file, "\"other\", W/" + etag).getStatusCode());
        assertEquals(200, get("7", file, "\"other\"").getStatusCode());
    }

    @Test
    void noCacheOnTheWayMayStoreTheFeedNeitherItsBodyNorItsNotModified() {
        String file = FeedLinksTest.file(links().issue("7", null, null));
        Response full = get("7", file, null);

        Response notModified = get("7", file, full.getHeader("ETag"));

        assertEquals(200, full.getStatusCode());
        assertEquals("private, no-store", full.getHeader("Cache-Control"));
        assertEquals(304, notModified.getStatusCode());
        assertEquals("private, no-store", notModified.getHeader("Cache-Control"));
    }

    @Test
    void calendarAppsThatAcceptGzipGetTheSameFeedCompressed() throws Exception {
        String file = FeedLinksTest.file(links().issue("7", null, null));
        Response plain = get("7", file, null);

        Response gzipped = get("7", file, null, "gzip, deflate, br");

        assertEquals("gzip", gzipped.getHeader("Content-Encoding"));
        assertEquals("Accept-Encoding", gzipped.getHeader("Vary"));
        byte[] compressed = (byte[]) gzipped.getBody();
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
            assertEquals(plain.bodyText(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertNotEquals(plain.getHeader("ETag"), gzipped.getHeader("ETag"));
        assertEquals(304, get("7", file, gzipped.getHeader("ETag"), "gzip").getStatusCode());
        assertNull(get("7", file, null, "gzip;q=0, identity").getHeader("Content-Encoding"));
    }

    @Test
    void aChangedAppointmentChangesTheETag() {
        String file = FeedLinksTest.file(links().issue("7", null, null));
        String before = get("7", file, null).getHeader("ETag");

        Appointment moved = Appointments.ready("46", "2024-09-27T16:00:00+09:30");
        appointments.put(new Appointment(moved.id(), 2, moved.snapshot(), false, moved.status(), moved.meeting(), 1,
                true, null, Instant.parse("2024-09-19T00:00:00Z"), "etag-2", List.of(), 0, moved.linkNonce(), List.of(), 0, null, null, null));

        Response after = get("7", file, before);
        assertEquals(200, after.getStatusCode());
        assertNotEquals(before, after.getHeader("ETag"));
        assertTrue(after.bodyText().contains("SEQUENCE:1\r\n"), after.bodyText());
    }

    @Test
    void revokedExpiredAndWrongLinksAllGetTheSame404() {
        IssuedFeedLink revoked = links().issue("7", null, null);
        links().revoke("7", revoked.link().id());
        String expiring = FeedLinksTest.file(links().issue("7", Duration.ofDays(1), null));
        String good = FeedLinksTest.file(links().issue("7", null, null));
        now = now.plus(Duration.ofDays(2));

        List<Response> responses = new ArrayList<>();
        responses.add(get("7", FeedLinksTest.file(revoked), null));
        responses.add(get("7", expiring, null));
        responses.add(get("7", good.replace("token=", "token=A"), null));
        responses.add(get("8", good, null));
        responses.add(get("7", good.replace(".ics", ""), null));
        responses.add(get("7", FeedLinksTest.oldForm(revoked), null));
        for (Response response : responses) {
            assertEquals(404, response.getStatusCode());
            assertEquals(responses.get(0).bodyText(), response.bodyText());
            assertEquals(responses.get(0).headers(), response.headers());
        }
        assertEquals(0, appointments.providerReads.get(), "no appointment is read for a bad link");
        assertEquals(200, get("7", good, null).getStatusCode());
    }

    @Test
    void aFeedWithoutAppointmentsUsesTheNameGivenAtIssue() {
        String file = FeedLinksTest.file(links().issue("42", null, "Dr Nobody appointments"));

        String ics = get("42", file, null).bodyText();

        assertTrue(ics.contains("X-WR-CALNAME:Dr Nobody appointments\r\n"), ics);
        assertFalse(ics.contains("BEGIN:VEVENT"), ics);
    }

    @Test
    void theFeedFromTheFunctionParsesInIcalJs() throws Exception {
        String file = FeedLinksTest.file(links().issue("7", null, null));

        var parsed = FeedRendererTest.parseWithIcalJs(get("7", file, null).bodyText());

        assertEquals(2, parsed.get("events").size(), parsed.toString());
        assertEquals(OffsetDateTime.parse("2024-09-27T15:00:00+09:30").toInstant(),
                Instant.parse(parsed.get("events").get(0).get("start").asText()));
    }

    @Test
    void newAndOldFormLinksBothServeTheFeedAndARevokedOldOneGets404() {
        IssuedFeedLink link = links().issue("7", null, null);
        IssuedFeedLink revoked = links().issue("7", null, null);
        links().revoke("7", revoked.link().id());

        Response byQuery = get("7", FeedLinksTest.file(link), null);
        Response byPath = get("7", FeedLinksTest.oldForm(link), null);
        Response revokedByPath = get("7", FeedLinksTest.oldForm(revoked), null);

        assertEquals(200, byQuery.getStatusCode());
        assertEquals(200, byPath.getStatusCode());
        assertEquals(byQuery.bodyText(), byPath.bodyText());
        assertEquals(404, revokedByPath.getStatusCode());
        assertTrue(link.feedUrl().toString().length() < 256, link.feedUrl().toString());
        assertTrue(link.webcalUrl().toString().length() < 256, link.webcalUrl().toString());
    }
}
