package org.teamstelehealth.join;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.teamstelehealth.appointments.AppointmentUpdates;
import org.teamstelehealth.appointments.Outbox;
import org.teamstelehealth.appointments.PatientResponses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.appointments.PatientJoin;
import org.teamstelehealth.appointments.TelehealthStatus;
import org.teamstelehealth.join.JoinLinks.Participant;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.FakeHttpRequest;

/** {@code PATIENT_JOIN}: where the patient's and the provider's join links lead inside the window. */
class BrowserJoinTest {
    private static final String BROWSER_URL = "https://visit.teams.microsoft.com/webrtc-svc/api/route?convId=x";
    private static final Instant INSIDE = Instant.parse("2024-09-27T05:25:00Z");

    private final InMemoryAppointmentStore store = new InMemoryAppointmentStore();

    private String location(PatientJoin mode, Participant who) {
        JoinSettings settings = new JoinSettings(new byte[32], Duration.ofMinutes(30), Duration.ofMinutes(30),
                Duration.ofDays(7), mode);
        JoinService service = new JoinService(store, new PatientResponses(new AppointmentUpdates(store,
                new Outbox(store, intent -> {}, event -> {}))), JoinFunctionTest.LINKS, settings,
                Clock.fixed(INSIDE, ZoneOffset.UTC));
        JoinFunction function = new JoinFunction(service, new JoinPages(),
                new FormOrigins(URI.create("https://telehealth.example.org/api")));
        String url = JoinFunctionTest.LINKS.link("46", "12", who, "nonce-46").toString();
        FakeHttpRequest.Response response = FakeHttpRequest.response(function.run(FakeHttpRequest.get(url), "12", "46",
                null));
        assertEquals(302, response.getStatusCode(), response.bodyText());
        return response.getHeader("Location");
    }

    private void stored(String browserUrl, String refusal) {
        Appointment a = Appointments.ready("46", JoinFunctionTest.START);
        store.put(Appointments.withStatus(a, TelehealthStatus.READY, a.meeting().withBrowserJoin(browserUrl, refusal)));
    }

    @Test
    void withBrowserJoinThePatientGoesToTheVirtualAppointmentLinkAndTheProviderToTeams() {
        stored(BROWSER_URL, null);

        assertEquals(BROWSER_URL, location(PatientJoin.BROWSER, Participant.PATIENT));
        assertEquals(Appointments.JOIN_URL, location(PatientJoin.BROWSER, Participant.PROVIDER));
    }

    @Test
    void withTeamsJoinOrWithoutABrowserLinkThePatientGoesToTheTeamsLink() {
        stored(BROWSER_URL, null);
        assertEquals(Appointments.JOIN_URL, location(PatientJoin.TEAMS, Participant.PATIENT),
                "switched back to teams: a stored browser link is not used");

        stored(null, "Graph refused the browser join link (403)");
        assertEquals(Appointments.JOIN_URL, location(PatientJoin.BROWSER, Participant.PATIENT), "the fallback");
    }
}
