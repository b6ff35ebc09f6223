package org.teamstelehealth.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.Appointments;

/** The with-methods that carry a rule: what applying a snapshot keeps, and what asking to tell the patient records. */
class AppointmentTest {
    private static final Instant LATER = Instant.parse("2024-09-02T00:00:00Z");

    private final Appointment ready = Appointments.ready("41", "2024-09-26T16:00:00+09:30");

    @Test
    void aNewerSnapshotTakesItsVersionAndTimeAndDropsTheOldFailureReason() {
        Snapshot moved = Appointments.snapshot("41", Snapshot.Status.BOOKED,
                OffsetDateTime.parse("2024-09-27T16:00:00+09:30"), "Clintel Test", "Victor Hong");
        Snapshot newer = new Snapshot(moved.id(), 5, moved.status(), moved.start(), moved.durationMinutes(),
                moved.timeZone(), moved.comments(), moved.appointmentType(), moved.patient(), moved.provider(),
                moved.location(), moved.session());

        Appointment next = ready.withStatus(TelehealthStatus.FAILED, "Version 4: no policy", LATER)
                .withSnapshot(newer, LATER);

        assertEquals(5, next.version());
        assertSame(newer, next.snapshot());
        assertFalse(next.deleted());
        assertNull(next.failureReason());
        assertEquals(LATER, next.updatedAt());
        assertEquals(ready.sequence(), next.sequence(), "the service decides whether the sequence rises");
    }

    @Test
    void aDeletionKeepsTheLastFullSnapshot() {
        Appointment next = ready.withSnapshot(Snapshot.deleted("41", 2), LATER);

        assertEquals(2, next.version());
        assertSame(ready.snapshot(), next.snapshot());
        assertTrue(next.deleted());
    }

    @Test
    void anUnappliedAppointmentHasAppliedNothingYet() {
        Snapshot incoming = ready.snapshot();

        Appointment unapplied = Appointment.unapplied(incoming);

        assertEquals(0, unapplied.version());
        assertSame(incoming, unapplied.snapshot());
        assertNull(unapplied.meeting());
        assertEquals(0, unapplied.sequence());
        assertFalse(unapplied.patientNotified());
        assertNull(unapplied.etag());
        assertTrue(Appointment.unapplied(Snapshot.deleted("41", 3)).deleted());
    }

    @Test
    void theSequenceRisesByOne() {
        assertEquals(ready.sequence() + 1, ready.withNextSequence().sequence());
    }

    @Test
    void anInvitationIsAskedForWithTheSequenceSnapshotAndLinkAndMarksThePatientNotified() {
        Appointment fresh = Appointment.unapplied(ready.snapshot()).withMeeting(ready.meeting()).withNextSequence();

        Appointment invited = fresh.notifying(Kind.INVITATION);

        assertEquals(List.of(new NotificationIntent("41", Kind.INVITATION, 1, ready.snapshot(), Appointments.JOIN_URL,
                fresh.linkNonce())),
                invited.pendingIntents());
        assertTrue(invited.patientNotified());
        assertFalse(fresh.notifying(Kind.UPDATE).patientNotified(), "only an invitation tells the patient it exists");
    }

    @Test
    void aCancellationHasNoLinkAndIsClearedOnceEnqueued() {
        Appointment cancelled = ready.withMeeting(null).notifying(Kind.CANCELLATION);

        assertNull(cancelled.pendingIntents().get(0).teamsJoinUrl());
        assertTrue(cancelled.withoutPendingIntents().pendingIntents().isEmpty());
    }
}
