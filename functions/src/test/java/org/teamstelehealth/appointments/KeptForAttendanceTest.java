package org.teamstelehealth.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.ContractExamples;

/** A meeting that was held stays past the appointment's completion until its attendance report was read. */
class KeptForAttendanceTest {
    private static final Snapshot CREATED = ContractExamples.snapshot("lifecycle-1-created.json");
    /** After the meeting (2027-03-05 05:30 to 06:00 UTC). */
    private static final Instant AFTER = Instant.parse("2027-03-05T06:10:00Z");
    private static final Instant BEFORE = Instant.parse("2027-03-01T00:00:00Z");

    private final InMemoryAppointmentStore store = new InMemoryAppointmentStore();
    private final FakeMeetings meetings = new FakeMeetings();
    private final List<NotificationIntent> sent = new ArrayList<>();
    private final List<Appointment> watched = new ArrayList<>();
    private final AppointmentService service = new AppointmentService(store, meetings, sent::add, event -> {},
            (message, delay) -> {}, new RetryPolicy(Duration.ofMinutes(30), Duration.ofSeconds(20), Duration.ofSeconds(600)),
            (stored, now) -> watched.add(stored));

    private void completedAt(Snapshot.Status status, Instant at) {
        Snapshot s = CREATED;
        Snapshot over = new Snapshot("48", 2, status, s.start(), s.durationMinutes(), s.timeZone(), null,
                s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
        service.apply(new AppointmentMessage("c", "appointment.updated", at, 0, over), at);
    }

    private Appointment row() {
        return store.find("48").orElseThrow();
    }

    @Test
    void aCompletedMeetingSurvivesUntilItsAttendanceIsRecordedThenGoesWithoutTellingThePatient() throws Exception {
        service.apply(ContractExamples.message("lifecycle-1-created.json"), BEFORE);

        completedAt(Snapshot.Status.COMPLETED, AFTER);

        assertEquals(1, meetings.meetings.size(), "the meeting is kept: Graph keeps its attendance report with it");
        assertNotNull(row().meeting());
        assertEquals(2, row().version());

        store.save(row().withAttendance(new Attendance(Attendance.Outcome.ATTENDED, null, AFTER)));
        Appointment released = service.releaseKeptMeeting("48", AFTER).orElseThrow();

        assertTrue(meetings.meetings.isEmpty(), "deleted once attendance was recorded");
        assertNull(released.meeting());
        assertEquals(TelehealthStatus.REMOVED, released.status());
        assertEquals(List.of(Kind.INVITATION), sent.stream().map(NotificationIntent::kind).toList(),
                "no cancellation for an appointment that happened");
    }

    @Test
    void aDidNotAttendIsKeptTooSoTheReportCanSayWhoCame() {
        service.apply(ContractExamples.message("lifecycle-1-created.json"), BEFORE);

        completedAt(Snapshot.Status.DID_NOT_ATTEND, AFTER);

        assertEquals(1, meetings.meetings.size());
    }

    @Test
    void aCompletedAppointmentWithAttendanceRecordedLosesItsMeetingAsUsual() throws Exception {
        service.apply(ContractExamples.message("lifecycle-1-created.json"), BEFORE);
        store.save(row().withAttendance(new Attendance(Attendance.Outcome.ATTENDED, null, AFTER)));

        completedAt(Snapshot.Status.COMPLETED, AFTER);

        assertTrue(meetings.meetings.isEmpty());
        assertEquals(TelehealthStatus.REMOVED, row().status());
    }

    @Test
    void releasingLeavesAMeetingTheAppointmentStillWants() throws Exception {
        service.apply(ContractExamples.message("lifecycle-1-created.json"), BEFORE);

        service.releaseKeptMeeting("48", AFTER);

        assertEquals(1, meetings.meetings.size());
        assertEquals(TelehealthStatus.READY, row().status());
    }

    @Test
    void theWatchSeesEverySaveAndTheStoredRowAgainOnARedelivery() {
        service.apply(ContractExamples.message("lifecycle-1-created.json"), BEFORE);
        assertEquals(1, watched.size());
        assertEquals(row().meeting(), watched.get(0).meeting());

        service.apply(ContractExamples.message("lifecycle-1-created.json"), BEFORE, true);

        assertEquals(2, watched.size(), "a delivery that died after the write is followed again");
    }
}
