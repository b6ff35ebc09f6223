package org.teamstelehealth.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.Appointments;

/** The admin status says which link patients get with {@code PATIENT_JOIN=browser}, and why not the browser one. */
class AppointmentStatusBrowserJoinTest {
    private final InMemoryAppointmentStore store = new InMemoryAppointmentStore();
    private final AppointmentStatus status = new AppointmentStatus(store, List.of());

    @SuppressWarnings("unchecked")
    private Map<String, Object> telehealth(String browserUrl, String refusal) {
        Appointment a = Appointments.ready("46", "2024-09-27T15:00:00+09:30");
        store.put(a.withMeeting(a.meeting().withBrowserJoin(browserUrl, refusal)));
        return (Map<String, Object>) status.describe("46").orElseThrow().get("telehealth");
    }

    @Test
    void aRefusalIsShownWithTheTeamsFallback() {
        Map<String, Object> telehealth = telehealth(null, "Graph refused the browser join link (403 Forbidden)");

        assertEquals("teams", telehealth.get("patient_join"));
        assertEquals("Graph refused the browser join link (403 Forbidden)", telehealth.get("patient_join_reason"));
    }

    @Test
    void aBrowserLinkIsNamedButNeverShown() {
        Map<String, Object> telehealth = telehealth("https://visit.teams.microsoft.com/webrtc-svc/secret", null);

        assertEquals("browser", telehealth.get("patient_join"));
        assertFalse(Json.write(telehealth).contains("visit.teams"), "the URL stays out of the document");
    }

    @Test
    void withTeamsJoinNothingIsSaid() {
        assertFalse(telehealth(null, null).containsKey("patient_join"));
    }
}
