package org.teamstelehealth.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.AppointmentService.Outcome;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;

/** The rules, with in-memory fakes of every port. */
class AppointmentServiceTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");

    private final InMemoryAppointmentStore store = new InMemoryAppointmentStore();
    private final FakeMeetings meetings = new FakeMeetings();
    private final List<NotificationIntent> sent = new ArrayList<>();
    private final List<PmsEvent> events = new ArrayList<>();
    private final List<Map.Entry<AppointmentMessage, Duration>> retried = new ArrayList<>();
    private RuntimeException enqueueFailure;
    private final AppointmentService service = new AppointmentService(store, meetings, intent -> {
        if (enqueueFailure != null) {
            RuntimeException failure = enqueueFailure;
            enqueueFailure = null;
            throw failure;
        }
        sent.add(intent);
    }, events::add, (message, delay) -> retried.add(Map.entry(message, delay)), settings());

    private static RetryPolicy settings() {
        return new RetryPolicy(Duration.ofMinutes(30), Duration.ofSeconds(20), Duration.ofSeconds(600));
    }

    private Outcome apply(String example) {
        return service.apply(ContractExamples.message(example), NOW);
    }

    @Test
    void aRedeliveredStaleVersionPutsBackAMeetingThatACrashedAttemptLeftWithItsTimes() {
        // An attempt at version 1 raced version 2, patched the shared meeting to its times, lost the row, and was
        // killed before it put the meeting back: Graph has version 1's times, the row version 2's.
        apply("lifecycle-2-rescheduled.json");
        Meeting atVersion2 = onlyMeeting();
        meetings.meetings.put(atVersion2.meetingId(), new Meeting(atVersion2.meetingId(), atVersion2.organizerId(),
                atVersion2.joinWebUrl(), ContractExamples.snapshot("lifecycle-1-created.json").startInstant(),
                ContractExamples.snapshot("lifecycle-1-created.json").endInstant()));

        assertEquals(Outcome.STALE, service.apply(ContractExamples.message("lifecycle-1-created.json"), NOW, true));

        assertEquals(row().snapshot().startInstant(), onlyMeeting().start(), "the meeting has the row's times again");
        assertEquals(row().snapshot().endInstant(), onlyMeeting().end());
    }

    private Meeting onlyMeeting() {
        assertEquals(1, meetings.meetings.size());
        return meetings.meetings.values().iterator().next();
    }

    private Appointment row() {
        return store.find("48").orElseThrow();
    }

    private List<Kind> kinds() {
        return sent.stream().map(NotificationIntent::kind).toList();
    }

    @Test
    void theContractLifecycleMakesMovesAndRemovesOneMeetingAndTellsThePatientThreeTimes() {
        assertEquals(Outcome.APPLIED, apply("lifecycle-1-created.json"));
        assertEquals(TelehealthStatus.READY, row().status());
        assertEquals(List.of(Kind.INVITATION), kinds());
        assertEquals(0, sent.get(0).sequence());
        assertEquals(row().meeting().joinWebUrl(), sent.get(0).teamsJoinUrl());
        assertTrue(row().patientNotified());

        apply("lifecycle-2-rescheduled.json");
        assertEquals(Instant.parse("2027-03-05T06:10:00Z"), onlyMeeting().start());
        assertEquals(1, row().sequence());
        assertEquals(List.of(Kind.INVITATION, Kind.UPDATE), kinds());
        assertEquals(1, sent.get(1).sequence());

        apply("lifecycle-3-confirmed.json");
        assertEquals(3, row().version());
        assertEquals(List.of(Kind.INVITATION, Kind.UPDATE), kinds(), "a status change alone tells nobody");
        assertEquals(List.of("create teams-telehealth-48", "move 48"), meetings.calls);

        apply("lifecycle-4-cancelled.json");
        assertTrue(meetings.meetings.isEmpty());
        assertEquals(TelehealthStatus.REMOVED, row().status());
        assertNull(row().meeting());
        assertEquals(List.of(Kind.INVITATION, Kind.UPDATE, Kind.CANCELLATION), kinds());
        assertTrue(row().pendingIntents().isEmpty());
    }

    @Test
    void aRowRemovedBeforeIncarnationsWereCountedIsBookedAgainUnderANewKey() throws Exception {
        Snapshot booked = ContractExamples.snapshot("lifecycle-1-created.json");
        // As an older release left it: meeting deleted, incarnation 0 (the key of the deleted meeting).
        store.save(new Appointment("48", 4, booked, false, TelehealthStatus.REMOVED, null, 1, true, null, NOW, null,
                List.of(), 0, "", List.of(), 0, null, null, null));
        Snapshot again = new Snapshot("48", 5, Snapshot.Status.BOOKED, booked.start(), booked.durationMinutes(),
                booked.timeZone(), booked.comments(), booked.appointmentType(), booked.patient(), booked.provider(),
                booked.location(), booked.session());

        service.apply(new AppointmentMessage("again", "appointment.updated", NOW, 0, again), NOW);

        assertEquals(List.of("create teams-telehealth-48-1"), meetings.calls);
        assertEquals(1, row().incarnation());
    }

    @Test
    void theSameSnapshotTwiceChangesNothing() {
        apply("lifecycle-1-created.json");
        int saves = store.saves;

        assertEquals(Outcome.STALE, apply("lifecycle-1-created.json"));

        assertEquals(List.of("create teams-telehealth-48"), meetings.calls);
        assertEquals(1, sent.size());
        assertEquals(saves, store.saves);
    }

    @Test
    void anOldVersionArrivingLateIsIgnored() {
        apply("lifecycle-2-rescheduled.json");
        assertEquals(Outcome.STALE, apply("lifecycle-1-created.json"));

        assertEquals(List.of("create teams-telehealth-48"), meetings.calls);
        assertEquals(Instant.parse("2027-03-05T06:10:00Z"), row().meeting().start());
        assertEquals(List.of(Kind.INVITATION), kinds());
    }

    @Test
    void aCancellationBeforeAnyMeetingMakesNoneAndTellsNobody() {
        apply("lifecycle-4-cancelled.json");
        assertEquals(Outcome.STALE, apply("lifecycle-1-created.json"));

        assertTrue(meetings.calls.isEmpty());
        assertTrue(sent.isEmpty());
        assertEquals(TelehealthStatus.NOT_TELEHEALTH, row().status());
    }

    @Test
    void anInPersonAppointmentGetsNoMeeting() {
        service.apply(ContractExamples.message("in-person.json"), NOW);
        assertEquals(TelehealthStatus.NOT_TELEHEALTH, store.find("49").orElseThrow().status());
        assertTrue(meetings.calls.isEmpty());
        assertTrue(sent.isEmpty());
    }

    @Test
    void aCompletedAppointmentLosesItsMeetingWithoutTellingThePatientItWasCancelled() {
        apply("lifecycle-1-created.json");
        Snapshot s = ContractExamples.snapshot("lifecycle-1-created.json");
        Snapshot completed = new Snapshot("48", 2, Snapshot.Status.COMPLETED, s.start(), s.durationMinutes(),
                s.timeZone(), null, s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());

        service.apply(new AppointmentMessage("c", "appointment.updated", NOW, 0, completed), NOW);

        assertTrue(meetings.meetings.isEmpty());
        assertEquals(TelehealthStatus.REMOVED, row().status());
        assertEquals(List.of(Kind.INVITATION), kinds());
    }

    @Test
    void aTypeNoLongerTelehealthRemovesTheMeetingAndTellsThePatient() {
        apply("lifecycle-1-created.json");
        Snapshot s = ContractExamples.snapshot("lifecycle-1-created.json");
        Snapshot inPerson = new Snapshot("48", 2, Snapshot.Status.BOOKED, s.start(), s.durationMinutes(), s.timeZone(),
                null, new Snapshot.AppointmentType("c01", "Consult", "Consultation", false), s.patient(), s.provider(),
                s.location(), s.session());

        service.apply(new AppointmentMessage("t", "appointment.updated", NOW, 0, inPerson), NOW);

        assertTrue(meetings.meetings.isEmpty());
        assertEquals(List.of(Kind.INVITATION, Kind.CANCELLATION), kinds());
    }

    @Test
    void anotherProviderTakingTheAppointmentOverGetsTheirOwnMeetingAndThePatientTheNewLink() {
        apply("lifecycle-1-created.json");
        Snapshot s = ContractExamples.snapshot("lifecycle-3-confirmed.json");
        Snapshot reassigned = new Snapshot("48", 3, s.status(), s.start(), s.durationMinutes(), s.timeZone(), null,
                s.appointmentType(), s.patient(), new Snapshot.Provider("8", "Dr Sara Example", null,
                        "b1c2d3e4-0000-4000-8000-000000000008", null), s.location(), s.session());

        service.apply(new AppointmentMessage("p", "appointment.updated", NOW, 0, reassigned), NOW);

        assertEquals("organizer-8", onlyMeeting().organizerId());
        assertEquals(onlyMeeting(), row().meeting());
        assertEquals(List.of(Kind.INVITATION, Kind.UPDATE), kinds());
        assertEquals(onlyMeeting().joinWebUrl(), sent.get(1).teamsJoinUrl());
        assertTrue(sent.get(1).sequence() > sent.get(0).sequence());
    }

    @Test
    void aDeletionCancelsWithTheLastSnapshotButKeepsNoPatientDataInTheRow() {
        apply("lifecycle-1-created.json");
        Snapshot full = row().snapshot();
        Snapshot deletion = Snapshot.deleted("48", 7);

        service.apply(new AppointmentMessage("d", "appointment.deleted", NOW, 0, deletion), NOW);

        assertTrue(row().deleted());
        assertEquals(7, row().version());
        assertEquals(List.of(Kind.INVITATION, Kind.CANCELLATION), kinds());
        assertEquals(full.patient(), sent.get(1).snapshot().patient(), "the cancellation still reaches the patient");
        Snapshot kept = row().snapshot();
        assertEquals(new Snapshot.Patient(full.patient().id(), null, null, null, null, null, null, null, null),
                kept.patient(), "only the PMS's id, so the patient's join link can still say it is cancelled");
        assertNull(kept.comments());
        assertNull(kept.session());
        assertEquals(full.provider().id(), kept.provider().id());
        assertNull(kept.provider().displayName());
        assertEquals(full.start(), kept.start(), "the provider's feed still shows the slot as cancelled");
        assertEquals(full.location(), kept.location(), "the clinic's, for the cancelled page");
        // The fixture's clinic is called "Clintel Clinic", like the patient.
        String stored = org.teamstelehealth.platform.Json.write(row())
                .replace(org.teamstelehealth.platform.Json.write(full.location()), "");
        for (String personal : new String[] {full.patient().givenName(), full.patient().familyName(),
                full.patient().mobilePhone(), full.patient().email(), full.patient().mrn(), full.comments()}) {
            assertTrue(!stored.contains(personal), personal + " kept in " + stored);
        }
    }

    @Test
    void aSnapshotOfAnAppointmentThatEndedAndIsNotStoredMakesNoMeetingAndTellsNobody() {
        // What a PMS resending an old message after the row was purged looks like.
        Snapshot created = ContractExamples.snapshot("lifecycle-1-created.json");
        Instant afterItEnded = created.endInstant().plus(Duration.ofDays(100));

        Outcome outcome = service.apply(new AppointmentMessage("old", "appointment.created", afterItEnded, 0, created),
                afterItEnded);

        assertEquals(Outcome.STALE, outcome);
        assertTrue(store.find("48").isEmpty());
        assertTrue(meetings.calls.isEmpty());
        assertTrue(sent.isEmpty());
    }

    @Test
    void accessPolicyMissingMarksFailedWithTheReasonAndDoesNotRetry() {
        meetings.failNext = new PermanentMeetingException("no policy for organiser X", null);

        assertEquals(Outcome.FAILED, apply("lifecycle-1-created.json"));

        assertEquals(TelehealthStatus.FAILED, row().status());
        assertTrue(row().failureReason().contains("no policy for organiser X"));
        assertTrue(retried.isEmpty());
        assertTrue(sent.isEmpty());
        // Nothing was applied, so the same webhook (or the next version) tries again once the admin fixed it.
        assertEquals(Outcome.APPLIED, apply("lifecycle-1-created.json"));
        assertEquals(TelehealthStatus.READY, row().status());
        assertNull(row().failureReason());
    }

    @Test
    void throttlingRequeuesWithRetryAfterThenFailsWhenItsRetryTimeIsOver() {
        meetings.failNext = new TransientMeetingException("429", Duration.ofSeconds(42), null);
        AppointmentMessage first = ContractExamples.message("lifecycle-1-created.json");

        assertEquals(Outcome.RETRY_SCHEDULED, service.apply(first, NOW));
        AppointmentMessage second = retried.get(0).getKey();
        assertEquals(1, second.attempt());
        assertEquals(NOW, second.firstTriedAt());
        assertEquals(Duration.ofSeconds(42), retried.get(0).getValue());
        assertEquals(TelehealthStatus.PENDING, row().status());
        assertEquals(0, row().version());

        meetings.failNext = new TransientMeetingException("503", null, null);
        assertEquals(Outcome.RETRY_SCHEDULED, service.apply(second, NOW.plusSeconds(42)));
        assertEquals(Duration.ofSeconds(40), retried.get(1).getValue(), "doubling backoff without Retry-After");
        assertEquals(NOW, retried.get(1).getKey().firstTriedAt(), "counted from the first try");

        meetings.failNext = new TransientMeetingException("503", null, null);
        assertEquals(Outcome.RETRY_SCHEDULED, service.apply(retried.get(1).getKey(), NOW.plus(Duration.ofMinutes(29))));

        meetings.failNext = new TransientMeetingException("429", Duration.ofSeconds(1), null);
        assertEquals(Outcome.FAILED, service.apply(retried.get(2).getKey(), NOW.plus(Duration.ofMinutes(30))));
        assertEquals(3, retried.size());
        assertEquals(TelehealthStatus.FAILED, row().status());
        assertTrue(row().failureReason().contains("after 4 tries over 30 min"), row().failureReason());
        assertTrue(row().failureReason().contains("retry time"), row().failureReason());
        assertTrue(meetings.meetings.isEmpty());
    }

    @Test
    void aMessageQueuedBeforeFirstTriedAtExistedCountsItsRetryTimeFromTheAttemptThatReadsIt() {
        AppointmentMessage sent = ContractExamples.message("lifecycle-1-created.json").nextAttempt(NOW).nextAttempt(NOW);
        ObjectNode json = (ObjectNode) Json.MAPPER.valueToTree(sent);
        json.remove("first_tried_at");
        AppointmentMessage old = Json.read(json.toString(), AppointmentMessage.class);
        assertNull(old.firstTriedAt());
        assertEquals(2, old.attempt());

        meetings.failNext = new TransientMeetingException("429", Duration.ofSeconds(1), null);
        Instant later = NOW.plus(Duration.ofHours(3));
        assertEquals(Outcome.RETRY_SCHEDULED, service.apply(old, later));

        assertEquals(later, retried.get(0).getKey().firstTriedAt());
    }

    @Test
    void aChangeThatMakesAMeetingIsNotRetriedPastTheAppointmentsEnd() {
        RetryPolicy aWeek = new RetryPolicy(Duration.ofDays(7), Duration.ofSeconds(20), Duration.ofSeconds(600));
        AppointmentService patient = new AppointmentService(store, meetings, sent::add, events::add,
                (message, delay) -> retried.add(Map.entry(message, delay)), aWeek);
        AppointmentMessage message = ContractExamples.message("lifecycle-1-created.json");
        Instant end = message.snapshot().endInstant();

        meetings.failNext = new TransientMeetingException("503", null, null);
        assertEquals(Outcome.RETRY_SCHEDULED, patient.apply(message, NOW));
        assertTrue(row().failureReason().contains("until " + end), row().failureReason());

        meetings.failNext = new TransientMeetingException("503", null, null);
        assertEquals(Outcome.FAILED, patient.apply(retried.get(0).getKey(), end));
        assertTrue(row().failureReason().contains("the appointment's end passed"), row().failureReason());
        assertTrue(meetings.meetings.isEmpty());
    }

    @Test
    void manyShortRetryAftersMoreThanAnyCountStillEndInOneReadyMeeting() {
        // Graph throttles with Retry-After of a second or two: a minute of 429s is dozens of tries.
        AppointmentMessage message = ContractExamples.message("lifecycle-1-created.json");
        Instant at = NOW;
        for (int i = 0; i < 40; i++) {
            meetings.failNext = new TransientMeetingException("429", Duration.ofSeconds(2), null);
            assertEquals(Outcome.RETRY_SCHEDULED, service.apply(message, at), "try " + (i + 1));
            assertEquals(TelehealthStatus.PENDING, row().status());
            assertTrue(row().failureReason().contains("429"), row().failureReason());
            message = retried.get(retried.size() - 1).getKey();
            at = at.plus(retried.get(retried.size() - 1).getValue());
        }

        assertEquals(Outcome.APPLIED, service.apply(message, at));

        assertEquals(TelehealthStatus.READY, row().status());
        assertEquals(1, meetings.meetings.size());
    }

    @Test
    void aThrottledMoveKeepsTheMeetingReadyWhileItWaits() {
        apply("lifecycle-1-created.json");
        meetings.failNext = new TransientMeetingException("429", Duration.ofSeconds(5), null);

        assertEquals(Outcome.RETRY_SCHEDULED, apply("lifecycle-2-rescheduled.json"));

        assertEquals(TelehealthStatus.READY, row().status());
        assertEquals(1, row().version());
        assertEquals(Outcome.APPLIED, service.apply(retried.get(0).getKey(), NOW));
        assertEquals(Instant.parse("2027-03-05T06:10:00Z"), row().meeting().start());
    }

    @Test
    void retryAfterIsCapped() {
        meetings.failNext = new TransientMeetingException("429", Duration.ofHours(2), null);
        service.apply(ContractExamples.message("lifecycle-1-created.json"), NOW);
        assertEquals(Duration.ofMinutes(10), retried.get(0).getValue());
    }

    @Test
    void aCrashAfterGraphAnsweredButBeforeTheRowWasWrittenLeavesOneMeeting() {
        store.failNextSave = new IllegalStateException("storage went away");
        assertThrows(IllegalStateException.class, () -> apply("lifecycle-1-created.json"));

        apply("lifecycle-1-created.json");

        assertEquals(1, meetings.meetings.size());
        assertEquals(List.of(Kind.INVITATION), kinds());
        assertEquals(TelehealthStatus.READY, row().status());
    }

    @Test
    void anIntentLostToAQueueFailureIsEnqueuedByTheRedelivery() {
        enqueueFailure = new IllegalStateException("queue unavailable");
        assertThrows(IllegalStateException.class, () -> apply("lifecycle-1-created.json"));
        assertEquals(1, row().pendingIntents().size(), "the change is saved with its intent");
        assertTrue(sent.isEmpty());

        assertEquals(Outcome.STALE, apply("lifecycle-1-created.json"));

        assertEquals(List.of(Kind.INVITATION), kinds());
        assertTrue(row().pendingIntents().isEmpty());
        assertEquals(List.of("create teams-telehealth-48"), meetings.calls);
    }

    @Test
    void reinstatingAfterACancellationInvitesAgainUnderANewSequence() {
        apply("lifecycle-1-created.json");
        apply("lifecycle-4-cancelled.json");

        service.apply(bookedAgain(), NOW);

        assertEquals(List.of(Kind.INVITATION, Kind.CANCELLATION, Kind.INVITATION), kinds());
        assertTrue(sent.get(2).sequence() > sent.get(0).sequence());
        assertEquals(TelehealthStatus.READY, row().status());
    }

    /** What the other writer of {@link #overtakenOnFirst} got. */
    private Outcome overtakerOutcome;

    /** A gateway whose create first lets another writer finish, then lands its own call after that writer's. */
    private AppointmentService losingTo(AppointmentMessage winner) {
        return overtakenOnFirst("create", winner);
    }

    /**
     * A service whose gateway, on its first call of {@code kind} ("create", "move" or "delete"), first lets
     * {@code newer} be applied by another writer (whose own Graph calls land first), then makes its own call.
     */
    private AppointmentService overtakenOnFirst(String kind, AppointmentMessage newer) {
        return overtakenOnFirst(Map.of(kind, newer));
    }

    /** As {@link #overtakenOnFirst(String, AppointmentMessage)}, for each kind of call named. */
    private AppointmentService overtakenOnFirst(Map<String, AppointmentMessage> newerByCall) {
        AppointmentService other = new AppointmentService(store, meetings, sent::add, events::add,
                (message, delay) -> retried.add(Map.entry(message, delay)), settings());
        MeetingGateway overtaken = new MeetingGateway() {
            private final Set<String> overtook = new HashSet<>();

            private void overtake(String call) {
                if (newerByCall.containsKey(call) && overtook.add(call)) {
                    overtakerOutcome = other.apply(newerByCall.get(call), NOW);
                }
            }

            @Override
            public String organizerOf(Snapshot snapshot) {
                return meetings.organizerOf(snapshot);
            }

            @Override
            public Meeting create(Snapshot snapshot, String externalId) throws MeetingException {
                overtake("create");
                return meetings.create(snapshot, externalId);
            }

            @Override
            public Meeting move(Meeting meeting, Snapshot snapshot) throws MeetingException {
                overtake("move");
                return meetings.move(meeting, snapshot);
            }

            @Override
            public void delete(Meeting meeting) throws MeetingException {
                overtake("delete");
                meetings.delete(meeting);
            }
        };
        return new AppointmentService(store, overtaken, sent::add, events::add, (m, d) -> retried.add(Map.entry(m, d)),
                settings());
    }

    @Test
    void aWriterThatLostTheRowPutsTeamsBackToTheWinnersTimes() {
        AppointmentService loser = losingTo(ContractExamples.message("lifecycle-2-rescheduled.json"));

        assertEquals(Outcome.STALE, loser.apply(ContractExamples.message("lifecycle-1-created.json"), NOW));

        assertEquals(2, row().version());
        assertEquals(Instant.parse("2027-03-05T06:10:00Z"), onlyMeeting().start(),
                "the loser's late createOrGet had set v1's times; it moved them back");
        assertEquals(List.of(Kind.INVITATION), kinds());
    }

    @Test
    void aThrottledRepairWaitsOutRetryAfterMoreTimesThanTheQueueWouldRedeliverAndThenPutsTeamsBack() {
        AppointmentService loser = losingTo(ContractExamples.message("lifecycle-2-rescheduled.json"));
        meetings.throttledMoves = 7;

        assertEquals(Outcome.RETRY_SCHEDULED, loser.apply(ContractExamples.message("lifecycle-1-created.json"), NOW),
                "a throttled repair waits, rather than spending the message's dequeues");
        assertEquals(Duration.ofSeconds(42), retried.get(0).getValue(), "Retry-After honoured");
        for (int retry = 1; retry <= 6; retry++) {
            AppointmentMessage again = retried.get(retry - 1).getKey();
            assertEquals(retry, again.attempt());
            assertEquals(Outcome.RETRY_SCHEDULED, service.apply(again, NOW.plusSeconds(42L * retry)));
        }
        assertEquals(Outcome.STALE, service.apply(retried.get(6).getKey(), NOW.plusSeconds(42L * 7)));

        assertEquals(2, row().version());
        assertEquals(TelehealthStatus.READY, row().status());
        assertEquals(Instant.parse("2027-03-05T06:10:00Z"), onlyMeeting().start(), "Teams has the winner's times");
        assertEquals(7, retried.size(), "nothing is re-queued once the repair is done");
        assertEquals(List.of(Kind.INVITATION), kinds());
    }

    @Test
    void aRepairStillThrottledWhenItsRetryTimeIsOverShowsTheAppointmentFailed() {
        AppointmentService loser = losingTo(ContractExamples.message("lifecycle-2-rescheduled.json"));
        meetings.throttledMoves = 2;
        assertEquals(Outcome.RETRY_SCHEDULED, loser.apply(ContractExamples.message("lifecycle-1-created.json"), NOW));

        assertEquals(Outcome.FAILED, service.apply(retried.get(0).getKey(), NOW.plus(Duration.ofMinutes(31))));

        assertEquals(TelehealthStatus.FAILED, row().status());
        assertEquals(2, row().version(), "the applied version stays");
        assertTrue(row().failureReason().contains("times"), row().failureReason());
    }

    @Test
    void aRepairWhoseMoveLandsAfterANewerVersionWasAppliedPutsTeamsOnTheNewerTimes() {
        // Version 1 raced version 2 and left Graph at its times; its redelivery reads the row at version 2 and moves
        // the meeting back. Version 3 is read, moved and saved while that move is on its way, which lands last.
        apply("lifecycle-2-rescheduled.json");
        Snapshot v2 = row().snapshot();
        Snapshot v3 = new Snapshot("48", 3, Snapshot.Status.BOOKED, v2.start().plusHours(1), v2.durationMinutes() + 15,
                v2.timeZone(), null, v2.appointmentType(), v2.patient(), v2.provider(), v2.location(), v2.session());
        Meeting left = onlyMeeting();
        Snapshot v1 = ContractExamples.snapshot("lifecycle-1-created.json");
        meetings.meetings.put(left.meetingId(), left.withTimes(v1.startInstant(), v1.endInstant()));
        AppointmentService repairer = overtakenOnFirst("move", new AppointmentMessage("m3", "appointment.updated", NOW, 0, v3));

        assertEquals(Outcome.STALE, repairer.apply(ContractExamples.message("lifecycle-1-created.json"), NOW, true));

        assertEquals(Outcome.APPLIED, overtakerOutcome, "version 3 was applied while the repair's move was on its way");
        assertEquals(3, row().version());
        assertEquals(v3.startInstant(), onlyMeeting().start(), "Teams has the newest version's times, not version 2's");
        assertEquals(v3.endInstant(), onlyMeeting().end());
    }

    @Test
    void aReQueuedRepairSetsTheRowsTimesEvenWhenTheyAreItsOwnVersions() {
        // A repair whose later round (putting back a newer winner's times) was throttled is re-queued: which round's
        // times Teams kept is not known, so it sets the row's, even when a still newer version went back to the
        // repairing version's own times.
        apply("lifecycle-1-created.json");
        Snapshot v1 = row().snapshot();
        Snapshot v3 = new Snapshot("48", 3, Snapshot.Status.CONFIRMED, v1.start(), v1.durationMinutes(), v1.timeZone(),
                null, v1.appointmentType(), v1.patient(), v1.provider(), v1.location(), v1.session());
        assertEquals(Outcome.APPLIED, service.apply(new AppointmentMessage("m3", "appointment.updated", NOW, 0, v3), NOW));
        Snapshot v2 = ContractExamples.snapshot("lifecycle-2-rescheduled.json");
        Meeting meeting = onlyMeeting();
        meetings.meetings.put(meeting.meetingId(), meeting.withTimes(v2.startInstant(), v2.endInstant()));

        AppointmentMessage requeued = ContractExamples.message("lifecycle-1-created.json").nextRepair(NOW);
        assertEquals(Outcome.STALE, service.apply(requeued, NOW.plusSeconds(42)));

        assertEquals(v3.startInstant(), onlyMeeting().start(), "Teams has the row's times, not an earlier round's");
        assertEquals(v3.endInstant(), onlyMeeting().end());
    }

    @Test
    void aWriterThatLostToACancellationDeletesTheMeetingItMade() {
        AppointmentService loser = losingTo(ContractExamples.message("lifecycle-4-cancelled.json"));

        assertEquals(Outcome.STALE, loser.apply(ContractExamples.message("lifecycle-1-created.json"), NOW));

        assertEquals(4, row().version());
        assertTrue(meetings.meetings.isEmpty());
        assertTrue(sent.isEmpty(), "the patient was never invited");
    }

    @Test
    void aMeetingALoserDeletedIsNeverAskedForAgainWhenTheAppointmentIsBookedAgain() {
        // Graph's createOrGet with the key of a deleted meeting may answer with that meeting (undocumented; our
        // stand-in does), whose id then answers 404: a meeting made again must go under a key never deleted.
        AppointmentService loser = losingTo(ContractExamples.message("lifecycle-4-cancelled.json"));
        assertEquals(Outcome.STALE, loser.apply(ContractExamples.message("lifecycle-1-created.json"), NOW));
        String deletedKey = meetings.calls.get(0).substring("create ".length());
        assertEquals(List.of("create " + deletedKey, "delete meeting-" + deletedKey + "-organizer-" + row().snapshot()
                .provider().id()), meetings.calls, "the loser made its meeting and deleted it");

        assertEquals(Outcome.APPLIED, service.apply(bookedAgain(), NOW));

        assertEquals(3, meetings.calls.size());
        assertNotEquals("create " + deletedKey, meetings.calls.get(2), "booked again under the deleted meeting's key");
        assertEquals(TelehealthStatus.READY, row().status());
        assertEquals(onlyMeeting(), row().meeting());
    }

    @Test
    void aBookingAgainReadWhileALoserDeletesItsMeetingGetsAMeetingThatStays() {
        // The loser's row write must come before its delete: a version read in between would otherwise ask for the
        // doomed meeting's key, get that meeting, and keep a link the delete then ends.
        AppointmentService loser = overtakenOnFirst(Map.of("create", ContractExamples.message("lifecycle-4-cancelled.json"),
                "delete", bookedAgain()));

        assertEquals(Outcome.STALE, loser.apply(ContractExamples.message("lifecycle-1-created.json"), NOW));

        assertEquals(Outcome.APPLIED, overtakerOutcome, "booked again while the loser's delete was on its way");
        assertEquals(5, row().version());
        assertEquals(TelehealthStatus.READY, row().status());
        assertEquals(onlyMeeting(), row().meeting(), "the row's meeting is the one left in Teams");
    }

    @Test
    void aWriterThatLostToAnotherProvidersMeetingDeletesTheMeetingItMade() {
        // Version 2 moves the new appointment to another provider, whose meeting it makes; version 1's meeting, made
        // under the first provider, is nobody's (a booking back with that provider is a replacement, under a new key).
        Snapshot first = ContractExamples.snapshot("lifecycle-1-created.json");
        Snapshot.Provider other = new Snapshot.Provider("other-provider", "Dr Other", null, null, null);
        Snapshot moved = new Snapshot("48", 2, Snapshot.Status.BOOKED, first.start(), first.durationMinutes(),
                first.timeZone(), null, first.appointmentType(), first.patient(), other, first.location(),
                first.session());
        AppointmentService loser = losingTo(new AppointmentMessage("m2", "appointment.updated", NOW, 0, moved));

        assertEquals(Outcome.STALE, loser.apply(ContractExamples.message("lifecycle-1-created.json"), NOW));

        assertEquals(2, row().version());
        assertEquals(onlyMeeting(), row().meeting(), "no meeting is left in Teams but the row's");
        assertEquals("organizer-other-provider", onlyMeeting().organizerId());
    }

    /** Version 5: version 1's booking again, after the cancellation (version 4). */
    private static AppointmentMessage bookedAgain() {
        Snapshot first = ContractExamples.snapshot("lifecycle-1-created.json");
        Snapshot rebooked = new Snapshot("48", 5, Snapshot.Status.BOOKED, first.start(), first.durationMinutes(),
                first.timeZone(), null, first.appointmentType(), first.patient(), first.provider(), first.location(),
                first.session());
        return new AppointmentMessage("r", "appointment.updated", NOW, 0, rebooked);
    }

    @Test
    void theLastDequeueMarksFailedUnlessANewerVersionWasApplied() {
        service.markFailed(ContractExamples.message("lifecycle-1-created.json"), "kept failing", NOW);
        assertEquals(TelehealthStatus.FAILED, row().status());
        assertEquals(0, row().version());

        apply("lifecycle-2-rescheduled.json");
        service.markFailed(ContractExamples.message("lifecycle-1-created.json"), "kept failing", NOW);
        assertEquals(TelehealthStatus.READY, row().status());
    }

    @Test
    void revokingJoinLinksGivesANewNonceAndSendsThePatientTheNewLinkUnderANewSequence() {
        apply("lifecycle-1-created.json");
        Appointment before = row();
        assertTrue(!before.linkNonce().isEmpty(), "a new appointment gets a nonce");

        Appointment revoked = service.reissueJoinLinks("48", NOW.plusSeconds(60)).orElseThrow();

        assertTrue(!revoked.linkNonce().equals(before.linkNonce()));
        assertEquals(revoked.linkNonce(), row().linkNonce());
        assertEquals(before.sequence() + 1, row().sequence());
        assertEquals(List.of(Kind.INVITATION, Kind.UPDATE), kinds());
        assertEquals(row().linkNonce(), sent.get(1).linkNonce(), "the message carries the new link");
        assertEquals(row().sequence(), sent.get(1).sequence());
        assertTrue(row().pendingIntents().isEmpty());
        assertEquals(before.meeting(), row().meeting(), "the Teams meeting is untouched");
    }

    @Test
    void revokingACancelledAppointmentsLinksTellsNobody() {
        apply("lifecycle-1-created.json");
        apply("lifecycle-4-cancelled.json");
        int told = sent.size();

        service.reissueJoinLinks("48", NOW);

        assertEquals(told, sent.size());
        assertTrue(service.reissueJoinLinks("no-such", NOW).isEmpty());
    }
}
