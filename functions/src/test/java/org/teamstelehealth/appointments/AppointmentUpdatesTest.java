package org.teamstelehealth.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.testing.Appointments;

class AppointmentUpdatesTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");

    private final InMemoryAppointmentStore store = new InMemoryAppointmentStore();
    private final List<NotificationIntent> intents = new ArrayList<>();
    private final List<PmsEvent> events = new ArrayList<>();
    private final AppointmentUpdates updates = new AppointmentUpdates(store,
            new Outbox(store, intents::add, events::add));

    @Test
    void anEventRecordedWithAChangeReachesTheQueueOnceAndLeavesTheRow() throws Exception {
        Appointment stored = store.save(Appointments.ready("a-1", "2027-03-05T16:00:00+10:30").withEtag(null));

        updates.update("a-1", a -> a.withPatientResponse(new PatientResponse(PatientResponse.Kind.CONFIRMED, NOW, "page"))
                .withEvent("patient.confirmed", Map.of(), NOW));

        Appointment after = store.find("a-1").orElseThrow();
        assertEquals(PatientResponse.Kind.CONFIRMED, after.patientResponse().kind());
        assertEquals(List.of(), after.pendingEvents());
        assertEquals(1, events.size());
        assertEquals(new PmsEvent(PmsEvent.idFor("a-1", 1), "patient.confirmed", "a-1", stored.version(), 1, NOW,
                Map.of()), events.get(0));
    }

    @Test
    void aChangeThatChangesNothingWritesNothing() throws Exception {
        Appointment stored = store.save(Appointments.ready("a-2", "2027-03-05T16:00:00+10:30").withEtag(null));

        Appointment found = updates.update("a-2", a -> a).orElseThrow();

        assertEquals(stored.etag(), found.etag());
        assertTrue(events.isEmpty());
    }

    @Test
    void whatAnEarlierWriterLeftPendingGoesOutBeforeTheNewChange() throws Exception {
        store.save(Appointments.ready("a-3", "2027-03-05T16:00:00+10:30").withEtag(null).withEvent("telehealth.ready", Map.of(), NOW));

        updates.update("a-3", a -> a.withEvent("patient.confirmed", Map.of(), NOW));

        assertEquals(List.of("telehealth.ready", "patient.confirmed"), events.stream().map(PmsEvent::type).toList());
        assertEquals(List.of(1L, 2L), events.stream().map(PmsEvent::sequence).toList());
    }
}
