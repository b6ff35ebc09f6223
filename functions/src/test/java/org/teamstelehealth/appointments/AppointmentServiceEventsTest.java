package org.teamstelehealth.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.ContractExamples;

/** The telehealth.* events AppointmentService records for the PMS with each change. */
class AppointmentServiceEventsTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");

    private final InMemoryAppointmentStore store = new InMemoryAppointmentStore();
    private final FakeMeetings meetings = new FakeMeetings();
    private final List<PmsEvent> events = new ArrayList<>();
    private final AppointmentService service = new AppointmentService(store, meetings, intent -> { }, events::add,
            (message, delay) -> { }, new RetryPolicy(Duration.ofMinutes(30), Duration.ofSeconds(20), Duration.ofSeconds(600)));

    private void apply(String example) {
        service.apply(ContractExamples.message(example), NOW);
    }

    private List<String> types() {
        return events.stream().map(PmsEvent::type).toList();
    }

    private Appointment row() {
        return store.find("48").orElseThrow();
    }

    @Test
    void aBookingIsReadyWithItsTimesAndParticipantsAndAMoveIsReadyAgainWithTheNewTimes() {
        apply("lifecycle-1-created.json");

        assertEquals(List.of("telehealth.ready"), types());
        PmsEvent ready = events.get(0);
        assertEquals(PmsEvent.idFor("48", 1), ready.id());
        assertEquals(1, ready.sequence());
        assertEquals(1, ready.snapshotVersion());
        assertEquals(row().meeting().start().toString(), ready.data().get("start"));
        assertEquals(row().meeting().end().toString(), ready.data().get("end"));
        List<?> participants = (List<?>) ready.data().get("participants");
        assertEquals(List.of(
                Map.of("participant", "12", "participantType", "Patient", "vendor", "Microsoft Teams",
                        "externalParticipant", row().meeting().meetingId()),
                Map.of("participant", row().snapshot().provider().id(), "participantType", "Provider",
                        "vendor", "Microsoft Teams", "externalParticipant", row().meeting().meetingId())), participants);
        assertEquals(Map.of("patientId", "12", "nonce", row().linkNonce()), ready.data().get(TelehealthEvents.JOIN_LINK));
        assertTrue(row().pendingEvents().isEmpty(), "flushed");

        apply("lifecycle-2-rescheduled.json");
        assertEquals(List.of("telehealth.ready", "telehealth.ready"), types());
        assertEquals("2027-03-05T06:10:00Z", events.get(1).data().get("start"));
        assertEquals(2, events.get(1).sequence());
        assertEquals(2, events.get(1).snapshotVersion());
    }

    @Test
    void aStatusChangeAloneSaysNothingAndACancellationSaysRemoved() {
        apply("lifecycle-1-created.json");
        apply("lifecycle-2-rescheduled.json");
        apply("lifecycle-3-confirmed.json");
        assertEquals(2, events.size(), "confirmed changes no link or time");

        apply("lifecycle-4-cancelled.json");
        assertEquals(List.of("telehealth.ready", "telehealth.ready", "telehealth.removed"), types());
        assertEquals(Map.of(), events.get(2).data());
    }

    @Test
    void reissuedJoinLinksAreReadyAgainWithTheNewNonce() {
        apply("lifecycle-1-created.json");

        service.reissueJoinLinks("48", NOW);

        assertEquals(List.of("telehealth.ready", "telehealth.ready"), types());
        assertEquals(row().linkNonce(), ((Map<?, ?>) events.get(1).data().get(TelehealthEvents.JOIN_LINK)).get("nonce"));
    }

    @Test
    void aFailedProviderSaysFailedWithTheReasonOnceNotOnEveryRedelivery() {
        meetings.failNext = new PermanentMeetingException("no policy for organiser X", null);
        apply("lifecycle-1-created.json");
        meetings.failNext = new PermanentMeetingException("no policy for organiser X", null);
        apply("lifecycle-1-created.json");

        assertEquals(List.of("telehealth.failed"), types());
        assertEquals("Version 1: no policy for organiser X", events.get(0).data().get("reason"));
        assertEquals(TelehealthStatus.FAILED, row().status());
    }

    @Test
    void aMessageGivenUpOnSaysFailedAndTheEventLeavesTheRow() {
        AppointmentMessage message = ContractExamples.message("lifecycle-1-created.json");

        service.markFailed(message, "poison: kept failing", NOW);

        assertEquals(List.of("telehealth.failed"), types());
        assertTrue(row().pendingEvents().isEmpty(), "markFailed flushes its outbox");
    }

    @Test
    void anAppointmentThatNeverWantedAMeetingSaysNothing() {
        Snapshot inPerson = ContractExamples.snapshot("in-person.json");
        service.apply(new AppointmentMessage("m", "appointment.created", NOW, 0, inPerson), NOW);
        assertEquals(List.of(), types());
    }
}
