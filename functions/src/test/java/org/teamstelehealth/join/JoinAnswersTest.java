package org.teamstelehealth.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentUpdates;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.appointments.Outbox;
import org.teamstelehealth.appointments.PatientResponse;
import org.teamstelehealth.appointments.PatientResponses;
import org.teamstelehealth.join.JoinLinks.Participant;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.FakeHttpRequest.Response;

/** The join page's "Confirm" and "I can't make it" forms, as a patient taps them. */
class JoinAnswersTest {
    /** The evening before appointment 46 (05:30Z-06:00Z): its join window has not opened. */
    static final String EVENING_BEFORE = "2024-09-26T09:00:00Z";

    final InMemoryAppointmentStore store = new InMemoryAppointmentStore().put(Appointments.ready("46", JoinFunctionTest.START));
    final List<PmsEvent> queued = new ArrayList<>();

    JoinFunction function(String now) {
        PatientResponses responses = new PatientResponses(new AppointmentUpdates(store, new Outbox(store, intent -> {}, queued::add)));
        return new JoinFunction(new JoinService(store, responses, JoinFunctionTest.LINKS, JoinFunctionTest.SETTINGS,
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC)), new JoinPages(),
                new FormOrigins(URI.create("https://telehealth.example.org/api")));
    }

    Response get(String now, String url) {
        return run(now, FakeHttpRequest.get(url), url);
    }

    Response tap(String now, String url, String answer) {
        return run(now, FakeHttpRequest.post(url).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "null").header("Sec-Fetch-Site", "same-origin").body("answer=" + answer), url);
    }

    Response run(String now, FakeHttpRequest request, String url) {
        String[] segments = URI.create(url).getPath().split("/");
        return FakeHttpRequest.response(function(now).run(request, segments[segments.length - 4],
                segments[segments.length - 2], null));
    }

    static String patientLink() {
        return JoinFunctionTest.LINKS.link("46", "12", Participant.PATIENT, "nonce-46").toString();
    }

    Appointment row() {
        return store.find("46").orElseThrow();
    }

    @Test
    void theTooEarlyPageOffersBothAnswersAsPlainFormsPostingBackToTheSameLink() {
        String html = get(EVENING_BEFORE, patientLink()).bodyText();

        assertTrue(html.contains("<form method=\"post\"><input type=\"hidden\" name=\"answer\" value=\"confirm\">"), html);
        assertTrue(html.contains("value=\"cannot-attend\"><button type=\"submit\" class=\"secondary\">I can't make it</button>"), html);
        assertFalse(html.contains("action="), "no action: the form posts to the page's own URL, token and all");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("token"), "the page does not repeat the token");
    }

    @Test
    void confirmRecordsTheAnswerAndOnePatientConfirmedEventAndRepeatedTapsChangeNothing() {
        Response answered = tap(EVENING_BEFORE, patientLink(), "confirm");

        assertEquals(200, answered.getStatusCode());
        assertTrue(answered.bodyText().contains("your appointment is confirmed"), answered.bodyText());
        assertEquals(new PatientResponse(PatientResponse.Kind.CONFIRMED, Instant.parse(EVENING_BEFORE), "page"),
                row().patientResponse());
        assertEquals(1, queued.size());
        assertEquals("patient.confirmed", queued.get(0).type());
        assertEquals(Map.of("channel", "page", "at", EVENING_BEFORE), queued.get(0).data());
        assertEquals("46", queued.get(0).appointmentId());

        tap("2024-09-26T09:05:00Z", patientLink(), "confirm");
        tap("2024-09-26T09:06:00Z", patientLink(), "confirm");
        assertEquals(1, queued.size(), "the same answer again records nothing");
        assertEquals(Instant.parse(EVENING_BEFORE), row().patientResponse().at());
        String page = get("2024-09-26T09:07:00Z", patientLink()).bodyText();
        assertTrue(page.contains("You have confirmed this appointment"), page);
        assertFalse(page.contains("value=\"confirm\""), "confirmed: only the other answer is offered");
        assertTrue(page.contains("value=\"cannot-attend\""), page);
    }

    @Test
    void cannotAttendTellsTheClinicShowsItsNumberAndAChangeOfMindIsRecordedToo() {
        Response answered = tap(EVENING_BEFORE, patientLink(), "cannot-attend");

        assertTrue(answered.bodyText().contains("We have told the clinic you can't make it"), answered.bodyText());
        assertTrue(answered.bodyText().contains("tel:0881234567"), "the answer page gives the clinic's phone");
        assertEquals(PatientResponse.Kind.CANCELLATION_REQUESTED, row().patientResponse().kind());
        assertEquals(List.of("patient.cancellation_requested"), queued.stream().map(PmsEvent::type).toList());
        assertEquals(Snapshot.Status.BOOKED, row().snapshot().status(), "the PMS decides; nothing is cancelled here");

        tap("2024-09-26T10:00:00Z", patientLink(), "confirm");
        assertEquals(List.of("patient.cancellation_requested", "patient.confirmed"),
                queued.stream().map(PmsEvent::type).toList());
        assertEquals(List.of(1L, 2L), queued.stream().map(PmsEvent::sequence).toList());
        assertEquals(PatientResponse.Kind.CONFIRMED, row().patientResponse().kind());
    }

    @Test
    void aCancelledAppointmentOffersNoButtonsAndAPostChangesNothing() {
        Appointment booked = row();
        store.put(Appointments.withSnapshot(booked, Appointments.withStatus(booked.snapshot(), Snapshot.Status.CANCELLED), false));

        assertFalse(get(EVENING_BEFORE, patientLink()).bodyText().contains("<form"));
        Response response = tap(EVENING_BEFORE, patientLink(), "confirm");
        assertTrue(response.bodyText().contains("This appointment was cancelled"), response.bodyText());
        assertNull(row().patientResponse());
        assertTrue(queued.isEmpty());
    }

    @Test
    void anEndedAppointmentTakesNoAnswer() {
        Response response = tap("2024-09-27T07:00:00Z", patientLink(), "cannot-attend");

        assertTrue(response.bodyText().contains("has ended"), response.bodyText());
        assertNull(row().patientResponse());
        assertTrue(queued.isEmpty());
    }

    @Test
    void theProvidersLinkShowsNoButtonsAndCannotAnswerForThePatient() {
        String providerLink = JoinFunctionTest.LINKS.link("46", "12", Participant.PROVIDER, "nonce-46").toString();

        assertFalse(get(EVENING_BEFORE, providerLink).bodyText().contains("<form"));
        tap(EVENING_BEFORE, providerLink, "cannot-attend");
        assertNull(row().patientResponse());
        assertTrue(queued.isEmpty());
    }

    @Test
    void aWrongTokenGetsTheNotFoundPageAndRecordsNothing() {
        String forged = patientLink().replaceAll("token=[^&]+", "token=AAAAAAAAAAAAAAAAAAAAAA");

        assertEquals(404, tap(EVENING_BEFORE, forged, "confirm").getStatusCode());
        assertNull(row().patientResponse());
    }

    @Test
    void crossSiteFormPostsAreRefusedWhereTheBrowserSaysSo() {
        String link = patientLink();
        Response crossSite = run(EVENING_BEFORE, FakeHttpRequest.post(link).header("Sec-Fetch-Site", "cross-site")
                .body("answer=confirm"), link);
        Response otherOrigin = run(EVENING_BEFORE, FakeHttpRequest.post(link).header("Origin", "https://evil.example")
                .body("answer=confirm"), link);

        assertEquals(403, crossSite.getStatusCode());
        assertEquals(403, otherOrigin.getStatusCode());
        assertNull(row().patientResponse());
        Response ownOrigin = run(EVENING_BEFORE, FakeHttpRequest.post(link).header("Origin", "https://telehealth.example.org")
                .body("answer=confirm"), link);
        assertEquals(200, ownOrigin.getStatusCode());
        assertEquals(PatientResponse.Kind.CONFIRMED, row().patientResponse().kind());
    }

    @Test
    void anUnknownAnswerIs400AndChangesNothing() {
        assertEquals(400, tap(EVENING_BEFORE, patientLink(), "maybe").getStatusCode());
        assertNull(row().patientResponse());
    }
}
