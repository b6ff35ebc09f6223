package org.teamstelehealth.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentUpdates;
import org.teamstelehealth.appointments.Attendance.Outcome;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.appointments.Outbox;
import org.teamstelehealth.appointments.TransientMeetingException;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.testing.Appointments;

/** The rules of reading attendance, with in-memory fakes of every port. */
class AttendanceServiceTest {
    private static final String ORGANISER = "organiser-1";
    private static final AttendanceSettings SETTINGS = new AttendanceSettings(Duration.ofMinutes(15),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(24));

    private final InMemoryAppointmentStore store = new InMemoryAppointmentStore();
    private final InMemoryAttendanceIndex index = new InMemoryAttendanceIndex();
    private final List<PmsEvent> events = new ArrayList<>();
    private final ScriptedReports reports = new ScriptedReports();
    private final List<String> released = new ArrayList<>();
    private RuntimeException releaseFailure;
    private final AttendanceService service = new AttendanceService(index, reports, store,
            new AppointmentUpdates(store, new Outbox(store, intent -> {}, events::add)), (id, now) -> {
                if (releaseFailure != null) {
                    RuntimeException failure = releaseFailure;
                    releaseFailure = null;
                    throw failure;
                }
                released.add(id);
            }, new AttendanceRules("tenant-1"), SETTINGS);
    private final AppointmentFollower follower = new AppointmentFollower(index, SETTINGS);

    /** 2027-03-05 05:30 to 06:00 UTC: due at 06:15. */
    private final Appointment appointment = saved(Appointments.ready("a-1", "2027-03-05T16:00:00+10:30").withEtag(null));
    private final Instant due = Instant.parse("2027-03-05T06:15:00Z");

    private Appointment saved(Appointment a) {
        try {
            Appointment saved = store.save(a);
            follower.applied(saved, saved.updatedAt());
            return saved;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Appointment row() {
        return store.find("a-1").orElseThrow();
    }

    private static List<Attendee> providerAndPatient() {
        Instant start = Instant.parse("2027-03-05T05:30:00Z");
        return List.of(new Attendee(ORGANISER, null, "Organizer",
                        List.of(new Attendee.Interval(start.plusSeconds(240), start.plusSeconds(1320), 1080)), 1080),
                new Attendee(null, null, "Attendee",
                        List.of(new Attendee.Interval(start.plusSeconds(60), start.plusSeconds(1260), 1200)), 1200));
    }

    @Test
    void nothingIsAskedBeforeTheMeetingsEndPlusTheSettleDelay() {
        service.run(due.minusSeconds(60));

        assertEquals(0, reports.calls);
        assertNull(row().attendance());
    }

    @Test
    void anEmptyListIsAskedAgainWithADoublingWaitUntilTheReportAppearsThenRecordedOnce() {
        reports.answers.add(List.of());
        reports.answers.add(List.of());
        reports.answers.add(providerAndPatient());

        assertEquals(new AttendanceService.Run(0, 1, 0), service.run(due));
        service.run(due.plus(Duration.ofMinutes(9)));
        assertEquals(1, reports.calls, "the next try is 10 minutes on");
        service.run(due.plus(Duration.ofMinutes(10)));
        assertEquals(2, reports.calls);
        service.run(due.plus(Duration.ofMinutes(29)));
        assertEquals(2, reports.calls, "then 20 minutes on");
        assertEquals(new AttendanceService.Run(1, 0, 0), service.run(due.plus(Duration.ofMinutes(30))));

        assertEquals(Outcome.ATTENDED, row().attendance().outcome());
        assertEquals(18, row().attendance().provider().minutes());
        assertEquals(3, row().attendance().patientWaitMinutes());
        assertEquals(List.of("a-1"), released, "the kept meeting goes once attendance is recorded");
        assertEquals(1, events.size());
        assertEquals("telehealth.attended", events.get(0).type());
        assertEquals(Map.of("outcome", "ATTENDED", "providerJoined", true, "patientJoined", true,
                "providerMinutes", 18, "patientMinutes", 20, "patientWaitMinutes", 3), events.get(0).data());

        service.run(due.plus(Duration.ofHours(2)));
        service.run(due.plus(Duration.ofHours(3)));
        assertEquals(3, reports.calls, "recorded: never asked again");
        assertEquals(1, events.size(), "each event once");
    }

    @Test
    void noReportByTheGiveUpTimeIsUnknownSayingWhyAndNeverANoShow() {
        for (int i = 0; i < 40; i++) {
            reports.answers.add(List.of());
        }
        for (Instant at = due; !at.isAfter(due.plus(Duration.ofHours(25))); at = at.plus(Duration.ofMinutes(5))) {
            service.run(at);
        }

        assertEquals(Outcome.UNKNOWN, row().attendance().outcome());
        assertTrue(row().attendance().reason().contains("meeting policy"), row().attendance().reason());
        assertTrue(reports.calls < 30, "backed off to hourly: " + reports.calls);
        assertEquals(List.of("telehealth.attendance_unknown"), events.stream().map(PmsEvent::type).toList());
        Map<String, Object> data = events.get(0).data();
        assertEquals(Set.of("outcome", "providerJoined", "patientJoined", "providerMinutes", "patientMinutes",
                "patientWaitMinutes", "reason"), data.keySet());
        assertEquals("UNKNOWN", data.get("outcome"));
        assertNull(data.get("providerJoined"));
        assertNull(data.get("patientWaitMinutes"));
        assertEquals(List.of("a-1"), released, "the fetch gave up: the meeting follows the usual rules");
    }

    @Test
    void aRefusalIsUnknownWithTheMissingPermissionOnceAndNotRetried() {
        reports.failures.add(new ReportsException(ReportsException.Kind.REFUSED,
                "Graph refused the attendance reports (403): grant the app OnlineMeetingArtifact.Read.All", null, null));

        service.run(due);
        service.run(due.plus(Duration.ofHours(1)));
        service.run(due.plus(Duration.ofHours(30)));

        assertEquals(1, reports.calls);
        assertEquals(Outcome.UNKNOWN, row().attendance().outcome());
        assertTrue(row().attendance().reason().contains("OnlineMeetingArtifact.Read.All"));
        assertEquals(1, events.size());
        assertEquals(row().attendance().reason(), events.get(0).data().get("reason"));
    }

    @Test
    void noReportKeptIsUnknownBlamingTheMeetingPolicyNotTheBooking() {
        reports.failures.add(new ReportsException(ReportsException.Kind.GONE, "404", null, null));

        service.run(due);

        assertEquals(Outcome.UNKNOWN, row().attendance().outcome());
        assertTrue(row().attendance().reason().contains(
                "attendance reports may be switched off by the tenant's meeting policy"), row().attendance().reason());
    }

    @Test
    void throttlingWaitsAsLongAsGraphSays() {
        reports.failures.add(new ReportsException(ReportsException.Kind.TRANSIENT, "429", Duration.ofMinutes(3), null));
        reports.answers.add(providerAndPatient());

        service.run(due);
        service.run(due.plus(Duration.ofMinutes(2)));
        assertEquals(1, reports.calls);
        service.run(due.plus(Duration.ofMinutes(3)));

        assertEquals(2, reports.calls);
        assertEquals(Outcome.ATTENDED, row().attendance().outcome());
    }

    @Test
    void aMeetingMovedLaterIsReadAfterItsNewEnd() {
        Appointment moved = row().withMeeting(row().meeting().withTimes(row().meeting().start().plusSeconds(3600),
                row().meeting().end().plusSeconds(3600)));
        saved(moved);
        reports.answers.add(providerAndPatient());

        service.run(due);
        assertEquals(0, reports.calls);
        service.run(due.plusSeconds(3600));

        assertEquals(1, reports.calls);
    }

    @Test
    void anEntryWhoseAppointmentWasPurgedGoes() {
        store.purge(new org.teamstelehealth.appointments.AppointmentStore.Retained("a-1", null));

        assertEquals(new AttendanceService.Run(0, 0, 1), service.run(due));
        assertTrue(index.day(appointment.snapshot().startInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate())
                .isEmpty());
    }

    @Test
    void aMeetingThatCouldNotBeDeletedYetIsDeletedByTheNextRunWithoutRecordingAgain() {
        reports.answers.add(providerAndPatient());
        releaseFailure = new IllegalStateException("Graph busy", new TransientMeetingException("busy", null, null));

        service.run(due);
        assertEquals(List.of(), released);
        service.run(due.plus(Duration.ofMinutes(10)));

        assertEquals(List.of("a-1"), released);
        assertEquals(1, reports.calls);
        assertEquals(1, events.size());
    }

    /** Answers in turn: a failure first when one is queued, else the next list of attendees. */
    static final class ScriptedReports implements AttendanceReports {
        final Deque<List<Attendee>> answers = new ArrayDeque<>();
        final Deque<ReportsException> failures = new ArrayDeque<>();
        int calls;

        @Override
        public List<Attendee> attendees(String organizerId, String meetingId) throws ReportsException {
            calls++;
            assertEquals(ORGANISER, organizerId);
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            return answers.isEmpty() ? List.of() : answers.poll();
        }
    }
}
