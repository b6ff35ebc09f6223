package org.teamstelehealth.join;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentUpdates;
import org.teamstelehealth.appointments.Outbox;
import org.teamstelehealth.appointments.PatientResponses;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.appointments.Meeting;
import org.teamstelehealth.appointments.TelehealthStatus;
import org.teamstelehealth.join.JoinLinks.Participant;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.FakeHttpRequest.Response;

class JoinFunctionTest {
    static final byte[] LINKS_KEY = "a-join-link-key-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);
    static final JoinLinks LINKS = new JoinLinks(LINKS_KEY, URI.create("https://telehealth.example.org/api"));
    static final JoinSettings SETTINGS = new JoinSettings(new byte[32], Duration.ofMinutes(30), Duration.ofMinutes(30),
            Duration.ofDays(7));
    /** Friday 27 September 2024, 3:00 pm in Adelaide (ACST, +09:30) = 05:30Z; it ends at 06:00Z. */
    static final String START = "2024-09-27T15:00:00+09:30";

    final InMemoryAppointmentStore store = new InMemoryAppointmentStore().put(Appointments.ready("46", START));

    Response click(String now, String url) {
        JoinFunction function = function(store, now);
        String path = URI.create(url).getPath();
        String[] segments = path.split("/");
        // .../patients/{patientId}/appointments/{appointmentId}/join_telehealth_session
        return FakeHttpRequest.response(function.run(FakeHttpRequest.get(url), segments[segments.length - 4],
                segments[segments.length - 2], null));
    }

    static JoinFunction function(InMemoryAppointmentStore store, String now) {
        return new JoinFunction(service(store, now), new JoinPages(), new FormOrigins(URI.create("https://telehealth.example.org/api")));
    }

    static JoinService service(InMemoryAppointmentStore store, String now) {
        return new JoinService(store, new PatientResponses(new AppointmentUpdates(store, new Outbox(store, intent -> {}, event -> {}))),
                LINKS, SETTINGS, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    static String patientLink(String appointmentId) {
        return LINKS.link(appointmentId, "12", Participant.PATIENT, "nonce-" + appointmentId).toString();
    }

    @Test
    void insideTheWindowGoesStraightToTheMeetingWithoutLeakingTheLink() {
        Response response = click("2024-09-27T05:05:00Z", patientLink("46"));

        assertEquals(302, response.getStatusCode());
        assertEquals(Appointments.JOIN_URL, response.getHeader("Location"));
        assertEquals("no-store", response.getHeader("Cache-Control"));
        assertEquals("no-referrer", response.getHeader("Referrer-Policy"));
    }

    @Test
    void aMovedMeetingIsReachedWithTheLinkAlreadySent() {
        String link = patientLink("46");
        Appointment moved = Appointments.withStatus(store.find("46").orElseThrow(), TelehealthStatus.READY,
                new Meeting("meeting-46", "organiser-1", "https://teams.microsoft.com/l/meetup-join/moved",
                        Instant.parse("2024-09-27T05:30:00Z"), Instant.parse("2024-09-27T06:00:00Z")));
        store.put(moved);

        assertEquals("https://teams.microsoft.com/l/meetup-join/moved",
                click("2024-09-27T06:29:00Z", link).getHeader("Location"));
    }

    @Test
    void tooEarlySaysWhenTheCallOpensInTheClinicsTimeZone() {
        Response response = click("2024-09-26T22:00:00Z", patientLink("46"));

        assertEquals(200, response.getStatusCode());
        String html = response.bodyText();
        assertTrue(html.contains("2:30 pm ACST"), html);
        assertTrue(html.contains("Friday 27 September 2024"), html);
        assertEquals(JoinFunction.CONTENT_SECURITY_POLICY, response.getHeader("Content-Security-Policy"));
        assertEquals("no-referrer", response.getHeader("Referrer-Policy"));
        assertEquals("text/html; charset=utf-8", response.getHeader("Content-Type"));
    }

    @Test
    void aTooEarlyPageLeftOpenReloadsItselfWhenTheWindowOpens() {
        String soon = click("2024-09-27T04:50:00Z", patientLink("46")).bodyText();
        String tomorrow = click("2024-09-26T05:00:00Z", patientLink("46")).bodyText();

        assertTrue(soon.contains("<meta http-equiv=\"refresh\" content=\"601\">"), soon);
        assertFalse(tomorrow.contains("http-equiv=\"refresh\""), tomorrow);
    }

    @Test
    void theWindowClosesHalfAnHourAfterTheEnd() {
        assertEquals(302, click("2024-09-27T06:29:59Z", patientLink("46")).getStatusCode());
        String html = click("2024-09-27T06:30:00Z", patientLink("46")).bodyText();
        assertTrue(html.contains("has ended"), html);
        assertTrue(html.contains("08 8123 4567"), html);
    }

    @Test
    void aCancelledAppointmentSaysSoAndGivesTheClinicsNumber() {
        Appointment booked = store.find("46").orElseThrow();
        store.put(Appointments.withSnapshot(booked, Appointments.withStatus(booked.snapshot(), Snapshot.Status.CANCELLED), false));

        String html = click("2024-09-27T05:10:00Z", patientLink("46")).bodyText();

        assertTrue(html.contains("has been cancelled"), html);
        assertTrue(html.contains("href=\"tel:0881234567\""), html);
    }

    @Test
    void aDeletedAppointmentReadsAsCancelled() {
        Appointment booked = store.find("46").orElseThrow();
        store.put(Appointments.withSnapshot(booked, booked.snapshot(), true).keepingOnlyWhatDeletionNeeds());

        assertTrue(click("2024-09-27T05:10:00Z", patientLink("46")).bodyText().contains("cancelled"));
    }

    @Test
    void aMeetingStillBeingMadeShowsAPageThatRefreshesItself() {
        store.put(Appointments.withStatus(store.find("46").orElseThrow(), TelehealthStatus.PENDING, null));

        Response response = click("2024-09-27T05:10:00Z", patientLink("46"));

        assertEquals(200, response.getStatusCode());
        assertTrue(response.bodyText().contains("<meta http-equiv=\"refresh\" content=\"20\">"), response.bodyText());
        assertEquals("no-store", response.getHeader("Cache-Control"));
    }

    @Test
    void aFailedMeetingAsksThePatientToCallTheClinic() {
        store.put(Appointments.withStatus(store.find("46").orElseThrow(), TelehealthStatus.FAILED, null));

        String html = click("2024-09-27T05:10:00Z", patientLink("46")).bodyText();

        assertTrue(html.contains("call the clinic"), html);
        assertTrue(html.contains("08 8123 4567"), html);
        assertFalse(html.contains("refresh"), html);
    }

    @Test
    void theProvidersLinkJoinsTooButIsNotGreetedAsThePatient() {
        String providerLink = LINKS.link("46", "12", Participant.PROVIDER, "nonce-46").toString();

        assertEquals(302, click("2024-09-27T05:05:00Z", providerLink).getStatusCode());
        String early = click("2024-09-26T22:00:00Z", providerLink).bodyText();
        assertTrue(early.contains("2:30 pm ACST"), early);
        assertFalse(early.contains("Clintel,"), early);
    }

    @Test
    void everyBadLinkGetsTheSameNotFoundPageByteForByte() {
        store.put(Appointments.ready("47", START));
        store.put(Appointments.ready("48", START));
        String revoked = patientLink("48");
        store.put(store.find("48").orElseThrow().withLinkNonce("renewed", Instant.parse("2024-09-20T00:00:00Z")));
        String good = patientLink("46");
        String legacy = good.replaceAll("token=[^&]+", "token=" + LINKS.legacyToken("46", "12", Participant.PATIENT));
        List<String> bad = List.of(
                revoked,                                                              // revoked by an admin
                legacy,                                                               // old form, row has a nonce
                patientLink("999"),                                                   // unknown appointment
                good.replaceAll("token=[^&]+", "token=AAAAAAAAAAAAAAAAAAAAAA"),      // forged token
                good.replaceAll("&token=[^&]+", ""),                                  // no token
                good.replace("/appointments/46/", "/appointments/47/"),               // token of another appointment
                LINKS.link("46", "13", Participant.PATIENT, "nonce-46").toString(),   // valid token, wrong patient
                good.replace("vendor=teams", "participant=provider&vendor=teams"),    // patient token as provider
                good.replace("vendor=teams", "vendor=coviu"));
        Response reference = click("2024-09-27T05:05:00Z", bad.get(0));
        assertEquals(404, reference.getStatusCode());
        List<Response> responses = new java.util.ArrayList<>();
        for (String link : bad) {
            responses.add(click("2024-09-27T05:05:00Z", link));
        }
        responses.add(click("2024-10-04T06:00:00Z", good));                         // 7 days after the end: expired
        for (int i = 0; i < responses.size(); i++) {
            Response response = responses.get(i);
            String link = i < bad.size() ? bad.get(i) : "expired";
            assertEquals(404, response.getStatusCode(), link);
            assertArrayEquals(reference.bodyText().getBytes(StandardCharsets.UTF_8),
                    response.bodyText().getBytes(StandardCharsets.UTF_8), link);
            assertEquals(reference.headers(), response.headers(), link);
            assertFalse(response.bodyText().contains("Clintel"), link);
        }
    }

    @Test
    void everyPageIsPlainAccessibleHtmlWithNothingToFetch() {
        java.time.ZonedDateTime at = java.time.ZonedDateTime.parse("2024-09-27T15:00:00+09:30[Australia/Adelaide]");
        JoinOutcome.Clinic clinic = new JoinOutcome.Clinic("Clintel Clinic", "08 8123 4567");
        List<JoinOutcome> outcomes = List.of(
                new JoinOutcome.TooEarly(at.minusMinutes(30), at, Duration.ofMinutes(5), clinic, true, null),
                new JoinOutcome.TooEarly(at.minusMinutes(30), at, Duration.ofMinutes(5), clinic, true,
                        org.teamstelehealth.appointments.PatientResponse.Kind.CONFIRMED),
                new JoinOutcome.Answered(org.teamstelehealth.appointments.PatientResponse.Kind.CONFIRMED, at, clinic),
                new JoinOutcome.Answered(org.teamstelehealth.appointments.PatientResponse.Kind.CANCELLATION_REQUESTED,
                        at, clinic),
                new JoinOutcome.Ended(at, clinic), new JoinOutcome.Cancelled(at, clinic),
                new JoinOutcome.NotReady(at, clinic), new JoinOutcome.Unavailable(at, new JoinOutcome.Clinic(null, null)),
                new JoinOutcome.NotFound());
        for (JoinOutcome outcome : outcomes) {
            String html = new JoinPages().render(outcome).text();
            assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en-AU\">"), html);
            assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), html);
            assertEquals(1, html.split("<h1>", -1).length - 1, html);
            assertTrue(html.matches("(?s).*<title>[^<]+</title>.*"), html);
            assertFalse(html.contains("<script"), html);
            assertFalse(html.matches("(?s).*(src=|href=\"https?:|url\\(|@import).*"), html);
        }
    }

    @Test
    void theClinicsNameIsEscapedAsHtml() {
        Appointment booked = store.find("46").orElseThrow();
        Snapshot s = booked.snapshot();
        Snapshot.Location l = s.location();
        Snapshot hostile = new Snapshot(s.id(), s.version(), s.status(), s.start(), s.durationMinutes(), s.timeZone(),
                s.comments(), s.appointmentType(), s.patient(), s.provider(),
                new Snapshot.Location(l.id(), l.description(), "<script>alert(1)</script>", l.address1(), l.address2(),
                        l.suburb(), l.state(), l.postcode(), l.phone()),
                s.session());
        store.put(Appointments.withSnapshot(booked, hostile, false));

        String html = click("2024-09-27T06:30:00Z", patientLink("46")).bodyText();

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    /**
     * A leaked link opens these pages for anyone: outside the join window they say when and whom to call, never
     * who the patient is.
     */
    @Test
    void noPageALinkOpensShowsThePatientsNameOrContactDetails() {
        // Names unlike the clinic's ("Clintel Clinic"), so a hit is the patient's.
        Snapshot s = store.find("46").orElseThrow().snapshot();
        Snapshot.Patient p = new Snapshot.Patient("12", "MRN-77031", "Mx", "Quenby", "Ardolino", "Quenby Ardolino",
                "+61400111222", "quenby@example.org", Snapshot.ContactPreference.BOTH);
        Appointment booked = Appointments.withSnapshot(store.find("46").orElseThrow(), new Snapshot(s.id(), s.version(),
                s.status(), s.start(), s.durationMinutes(), s.timeZone(), s.comments(), s.appointmentType(), p,
                s.provider(), s.location(), s.session()), false);
        store.put(booked);
        List<String> patientData = List.of(p.givenName(), p.familyName(), p.displayNameOrFullName(), p.mobilePhone(),
                p.email(), p.mrn());
        List<Runnable> states = List.of(
                () -> {},
                () -> store.put(Appointments.withStatus(booked, TelehealthStatus.PENDING, null)),
                () -> store.put(Appointments.withStatus(booked, TelehealthStatus.FAILED, null)),
                () -> store.put(Appointments.withSnapshot(booked,
                        Appointments.withStatus(booked.snapshot(), Snapshot.Status.CANCELLED), false)));
        List<String> pages = new java.util.ArrayList<>();
        for (Runnable state : states) {
            state.run();
            for (String now : List.of("2024-09-26T22:00:00Z", "2024-09-27T05:10:00Z", "2024-09-27T07:00:00Z")) {
                for (String link : List.of(patientLink("46"), LINKS.link("46", "12", Participant.PROVIDER, "nonce-46").toString())) {
                    Response response = click(now, link);
                    if (response.getStatusCode() != 302) {
                        pages.add(response.bodyText());
                    }
                }
            }
        }
        assertTrue(pages.size() >= 16, "too early, not ready, failed, cancelled and ended pages: " + pages.size());
        for (String html : pages) {
            for (String value : patientData) {
                assertFalse(html.contains(value), value + " in " + html);
            }
        }
    }

    @Test
    void aLinkWorksUntilSevenDaysAfterTheAppointmentsCurrentEnd() {
        String link = patientLink("46");                                              // ends 2024-09-27T06:00Z
        assertEquals(200, click("2024-10-04T05:59:59Z", link).getStatusCode(), "ended page, still ours");
        assertEquals(404, click("2024-10-04T06:00:00Z", link).getStatusCode());

        Appointment booked = store.find("46").orElseThrow();
        Snapshot s = booked.snapshot();
        store.put(Appointments.withSnapshot(booked, new Snapshot(s.id(), s.version() + 1, s.status(),
                s.start().plusDays(3), s.durationMinutes(), s.timeZone(), s.comments(), s.appointmentType(), s.patient(),
                s.provider(), s.location(), s.session()), false));

        assertEquals(200, click("2024-10-04T06:00:00Z", link).getStatusCode(), "moved later: the link sent lives on");
        assertEquals(404, click("2024-10-07T06:00:00Z", link).getStatusCode());
    }

    @Test
    void aNewNonceRevokesTheAppointmentsLinksAndNoOthers() {
        store.put(Appointments.ready("47", START));
        String old = patientLink("46");
        String othersLink = patientLink("47");
        store.put(store.find("46").orElseThrow().withLinkNonce("renewed", Instant.parse("2024-09-20T00:00:00Z")));

        assertEquals(404, click("2024-09-27T05:05:00Z", old).getStatusCode());
        assertEquals(302, click("2024-09-27T05:05:00Z",
                LINKS.link("46", "12", Participant.PATIENT, "renewed").toString()).getStatusCode());
        assertEquals(302, click("2024-09-27T05:05:00Z", othersLink).getStatusCode());
    }

    @Test
    void linksSentBeforeNoncesExistedWorkOnRowsWithoutOneUntilRevoked() {
        Appointment legacyRow = store.find("46").orElseThrow().withLinkNonce("", Instant.parse("2024-09-01T00:00:00Z"));
        store.put(legacyRow);
        String sentBefore = patientLink("46").replaceAll("token=[^&]+",
                "token=" + LINKS.legacyToken("46", "12", Participant.PATIENT));

        assertEquals(302, click("2024-09-27T05:05:00Z", sentBefore).getStatusCode());
        assertEquals(302, click("2024-09-27T05:05:00Z",
                LINKS.link("46", "12", Participant.PATIENT, "").toString()).getStatusCode());
        store.put(legacyRow.withLinkNonce("renewed", Instant.parse("2024-09-20T00:00:00Z")));
        assertEquals(404, click("2024-09-27T05:05:00Z", sentBefore).getStatusCode());
    }

    @Test
    void theMacsFieldsAreLengthPrefixedSoShiftingABoundaryChangesTheToken() {
        assertEquals(LINKS.legacyToken("4\n6", "12", Participant.PATIENT),
                LINKS.legacyToken("4", "6\n12", Participant.PATIENT),
                "the old newline-joined input could not tell these apart");
        assertFalse(LINKS.token("4\n6", "12", Participant.PATIENT, "")
                .equals(LINKS.token("4", "6\n12", Participant.PATIENT, "")));
        assertFalse(LINKS.token("46", "12", Participant.PATIENT, "n")
                .equals(LINKS.token("46", "12n", Participant.PATIENT, "")));
    }
}
