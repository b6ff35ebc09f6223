package org.teamstelehealth.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.AdminTokens;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.FakeHttpRequest.Response;

/** {@code GET manage/appointments}: what an admin asks for and sees, over the in-memory store. */
class AttentionListFunctionTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    private final InMemoryAppointmentStore store = new InMemoryAppointmentStore();
    private final AttentionListFunction function = new AttentionListFunction(
            new AttentionList(store, new AttentionSettings(2, 5)), Clock.fixed(NOW, ZoneOffset.UTC),
            AdminTokens.functionKeyOnly());

    private void booked(String id, String start, TelehealthStatus status, String reason) {
        Snapshot s = ContractExamples.snapshot("lifecycle-1-created.json");
        Snapshot at = new Snapshot(id, 1, s.status(), OffsetDateTime.parse(start), 30, s.timeZone(), s.comments(),
                s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
        store.put(new Appointment(id, 1, at, false, status, null, 0, true, reason, NOW, "e", List.of(), 0, "n",
                List.of(), 0, null, null, null));
    }

    private Response get(FakeHttpRequest request) {
        return FakeHttpRequest.response(function.run(request, FakeExecutionContext.of("appointmentsNeedingAttention")));
    }

    private FakeHttpRequest list() {
        return FakeHttpRequest.get("https://telehealth.example.org/api/manage/appointments");
    }

    @Test
    void failedAppointmentsOfTheRangeComeNewestFirstAPageAtATimeWithoutThePatient() {
        booked("a1", "2027-03-02T09:00:00+10:00", TelehealthStatus.FAILED, "No Teams licence for dr@clinic");
        booked("a2", "2027-03-03T09:00:00+10:00", TelehealthStatus.FAILED, "No Teams licence");
        booked("a3", "2027-03-04T09:00:00+10:00", TelehealthStatus.FAILED, "No Teams licence");
        booked("outside", "2027-04-20T09:00:00+10:00", TelehealthStatus.FAILED, "No Teams licence");
        booked("ready", "2027-03-04T10:00:00+10:00", TelehealthStatus.READY, null);

        Response first = get(list().query("from", "2027-03-01").query("to", "2027-03-10").query("status", "failed"));

        assertEquals(200, first.status(), first.bodyText());
        assertEquals("no-store", first.getHeader("Cache-Control"));
        JsonNode items = first.json().path("items");
        assertEquals(2, items.size(), "the page size setting");
        assertEquals("a3", items.get(0).path("appointment_id").asText());
        assertEquals("failed", items.get(0).path("category").asText());
        assertEquals("failed", items.get(0).path("telehealth_status").asText());
        assertEquals("2027-03-03T23:00:00Z", items.get(0).path("start").asText());
        assertEquals("No Teams licence", items.get(0).path("reason").asText());
        assertFalse(items.get(0).path("provider_id").asText().isEmpty());
        Snapshot.Patient patient = ContractExamples.snapshot("lifecycle-1-created.json").patient();
        for (String personal : new String[] {patient.familyName(), patient.mobilePhone(), patient.email()}) {
            assertFalse(first.bodyText().contains(personal), "no patient details in the list");
        }

        Response second = get(list().query("from", "2027-03-01").query("to", "2027-03-10").query("status", "failed")
                .query("continuation", first.json().path("next").asText()));
        assertEquals(List.of("a1"), ids(second));
        assertTrue(second.json().path("next").isMissingNode(), "no next: the end");
    }

    @Test
    void severalCategoriesAtOnceAndAllByDefault() {
        booked("failed", "2027-03-02T09:00:00Z", TelehealthStatus.FAILED, "x");
        booked("pending", "2027-03-03T09:00:00Z", TelehealthStatus.PENDING, "Graph is busy");

        assertEquals(List.of("pending", "failed"), ids(get(list().query("status", "failed, PENDING").query("limit", "5"))));
        Response all = get(list().query("limit", "5"));
        assertEquals(4, all.json().path("items").size(), "failed and pending, and both unconfirmed: " + all.bodyText());
        assertEquals(5, all.json().path("status").size());
    }

    @Test
    void badParametersAre400SayingWhich() {
        for (String[] bad : new String[][] {{"status", "broken"}, {"limit", "6"}, {"limit", "0"}, {"limit", "x"},
                {"from", "yesterday"}, {"continuation", "forged"}, {"from", "2027-04-01"}}) {
            Response answer = get(list().query(bad[0], bad[1]).query("to", "2027-03-20"));
            assertEquals(400, answer.status(), String.join("=", bad));
            assertTrue(answer.json().path("detail").asText().contains(bad[0].equals("continuation") ? "continuation"
                    : bad[0].equals("from") && bad[1].startsWith("2027") ? "before" : bad[0]), answer.bodyText());
        }
    }

    private static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        response.json().path("items").forEach(item -> ids.add(item.path("appointment_id").asText()));
        return ids;
    }
}
