package org.teamstelehealth.appointments;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Concurrently;

/**
 * The rules: converge an appointment's Teams meeting on the newest snapshot, and ask for the patient to be told.
 *
 * <ul>
 *   <li>A meeting exists exactly while {@link Snapshot#wantsMeeting()}; a change of start or duration moves it.
 *   <li>A version not newer than the stored one changes nothing.
 *   <li>The stored row is the fence: writes are ETag-conditional, and a writer that lost re-reads and re-decides.
 *       Every Graph call is safe to repeat (createOrGet by appointment, absolute times, delete of a gone meeting).
 *   <li>Intents are saved on the row with the change and enqueued after it, then cleared; whoever next reads a
 *       row with intents still on it enqueues them again (the notifications side drops repeats by delivery key).
 *   <li>Failures never advance the applied version, so the same webhook delivered again tries again.
 *   <li>Each change the PMS must hear of is recorded as an event on the row with it ({@link TelehealthEvents}) and
 *       leaves through the same outbox as the intents.
 * </ul>
 */
public final class AppointmentService {
    private static final Logger LOG = Logger.getLogger(AppointmentService.class.getName());
    /** Rounds of read-decide-write before giving up and letting the queue redeliver. */
    static final int MAX_ROUNDS = 6;

    public enum Outcome {
        /** The change was made and saved. */
        APPLIED,
        /** The stored version is as new or newer: nothing to do. */
        STALE,
        /** Graph is throttling: the message was put back on the queue for later. */
        RETRY_SCHEDULED,
        /** Recorded as FAILED with a reason for an admin. */
        FAILED
    }

    private final AppointmentStore store;
    private final MeetingGateway meetings;
    private final Outbox outbox;
    private final AppointmentRetries retries;
    private final RetryPolicy settings;
    private final AppointmentListener listener;

    public AppointmentService(AppointmentStore store, MeetingGateway meetings, NotificationQueue notifications,
            EventQueue events, AppointmentRetries retries, RetryPolicy settings) {
        this(store, meetings, notifications, events, retries, settings, AppointmentListener.NONE);
    }

    /**
     * @param listener told of each applied (or found stale) snapshot's stored row and of each kept meeting released,
     *     e.g. to re-plan reminders and to follow meetings' ends for attendance
     */
    public AppointmentService(AppointmentStore store, MeetingGateway meetings, NotificationQueue notifications,
            EventQueue events, AppointmentRetries retries, RetryPolicy settings, AppointmentListener listener) {
        this.listener = listener;
        this.store = store;
        this.meetings = meetings;
        this.outbox = new Outbox(store, notifications, events);
        this.retries = retries;
        this.settings = settings;
    }

    /** Applies one queued snapshot. Storage failures are thrown so the queue redelivers the message. */
    public Outcome apply(AppointmentMessage message, Instant now) {
        return apply(message, now, false);
    }

    /**
     * As {@link #apply(AppointmentMessage, Instant)}; {@code redelivered} says an earlier delivery of this message
     * did not finish (it may have moved the meeting and died before putting it right), so a version found stale
     * sets the stored version's times on its meeting again.
     */
    public Outcome apply(AppointmentMessage message, Instant now, boolean redelivered) {
        Snapshot incoming = message.snapshot();
        Meeting touched = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Appointment current = store.find(incoming.id()).orElse(null);
            if (current != null && current.hasPending()) {
                flush(current);
                continue;
            }
            if (current != null && incoming.version() <= current.version()) {
                Outcome outcome = Outcome.STALE;
                if (touched != null) {
                    outcome = repair(current, touched, message, now);
                } else if ((redelivered || message.repairing()) && current.meeting() != null) {
                    outcome = repair(current, leftOnGraph(current.meeting(), message), message, now);
                }
                if (outcome == Outcome.STALE) {
                    listener.applied(current, now);
                }
                return outcome;
            }
            if (current == null && endedBefore(incoming, now)) {
                LOG.info(() -> "Appointment " + incoming.id() + " version " + incoming.version()
                        + " ended before it was first seen (or its row was purged): ignored");
                return Outcome.STALE;
            }
            Decision decision;
            try {
                decision = decide(current, incoming, now);
            } catch (TransientMeetingException e) {
                Instant firstTried = message.firstTriedAtOr(now);
                Instant giveUpAt = settings.giveUpAt(incoming, firstTried);
                if (now.isBefore(giveUpAt)) {
                    Duration delay = settings.delay(message.attempt(), e.retryAfter());
                    showPending(current, incoming, "Graph is busy (" + e.getMessage() + "); try "
                            + (message.attempt() + 2) + " in " + delay.toSeconds() + " s, retrying until "
                            + giveUpAt, now);
                    retries.retryLater(message.nextAttempt(firstTried), delay);
                    return Outcome.RETRY_SCHEDULED;
                }
                decision = failed(current, incoming, gaveUp(e, message, firstTried, now), now);
            } catch (MeetingException e) {
                decision = failed(current, incoming, e.getMessage(), now);
            }
            if (decision.meeting() != null) {
                touched = decision.meeting();
            }
            try {
                Appointment saved = store.save(decision.appointment());
                // Independent writes (the outbox's queues and clearing save; the listeners' own tables), so they go
                // at once. The outbox still sends only now that the row is saved, and clears only after every send.
                Concurrently.run(() -> flush(saved), () -> listener.applied(saved, now));
                return decision.outcome();
            } catch (ConcurrentChangeException e) {
                LOG.fine(() -> "Appointment " + incoming.id() + " changed while applying version " + incoming.version()
                        + "; deciding again");
            }
        }
        throw new IllegalStateException("Appointment " + incoming.id() + " kept changing while applying version "
                + incoming.version() + " (" + MAX_ROUNDS + " rounds); the queue will redeliver it");
    }

    /**
     * Readies the way a new booking goes for its first time in this process, on a made-up appointment
     * ({@link #REHEARSAL}, in 2030) and with nothing made, written or sent that anyone could see: its row is looked up
     * (there is none), its meeting's requests are built but not sent ({@link MeetingGateway#rehearseCreate}), the row
     * as {@link #apply} would save it goes through the store's writes with requests the storage refuses
     * ({@link AppointmentStore#rehearseSave}), and its outbox messages are encoded but not sent. Throws what reaching
     * storage or Graph threw.
     */
    public void rehearse(Instant now) {
        store.find(REHEARSAL.id());
        meetings.rehearseCreate(REHEARSAL);
        Appointment next = Appointment.unapplied(REHEARSAL).withSnapshot(REHEARSAL, now);
        Meeting made = new Meeting("rehearsal", "00000000-0000-0000-0000-000000000000",
                "https://teams.microsoft.com/l/meetup-join/rehearsal", REHEARSAL.startInstant(), REHEARSAL.endInstant());
        Appointment saved = withEvent(applied(next.withMeeting(made).withStatus(TelehealthStatus.READY)
                .notifying(Kind.INVITATION), made), Transition.CREATE, now).appointment();
        store.rehearseSave(saved);
        outbox.rehearseFlush(saved);
    }

    /** The made-up booking {@link #rehearse} goes through: every field a template may name, none a real person's. */
    static final Snapshot REHEARSAL = new Snapshot("rehearsal-00000000", 1, Snapshot.Status.BOOKED,
            OffsetDateTime.parse("2030-01-01T09:00:00+10:00"), 30, "Australia/Sydney", null,
            new Snapshot.AppointmentType("rehearsal", "Rehearsal", "Telehealth", true),
            new Snapshot.Patient("rehearsal", "0", "", "Rehearsal", "Patient", "Rehearsal Patient", null, null,
                    Snapshot.ContactPreference.NONE),
            new Snapshot.Provider("rehearsal", "Rehearsal Provider", "rehearsal@example.invalid",
                    "00000000-0000-0000-0000-000000000000", "rehearsal@example.invalid"),
            new Snapshot.Location("rehearsal", "Rehearsal", "Rehearsal", "", "", "", "", "", ""),
            new Snapshot.Session("Rehearsal", "Telehealth"));

    /**
     * Records that a message is about to go to the poison queue: the appointment is FAILED with {@code reason}
     * unless a newer version was applied meanwhile, and the PMS is told ({@code telehealth.failed}).
     */
    public void markFailed(AppointmentMessage message, String reason, Instant now) {
        Snapshot incoming = message.snapshot();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Appointment current = store.find(incoming.id()).orElse(null);
            if (current != null && incoming.version() <= current.version()) {
                return;
            }
            try {
                flush(store.save(failed(current, incoming, reason, now).appointment()));
                return;
            } catch (ConcurrentChangeException e) {
                // read again
            }
        }
    }

    /**
     * Revokes one appointment's join links: a new link nonce, so every link already sent (the patient's and the
     * provider's) gets the same 404 as a wrong one. A patient already told of a meeting that is still on gets an
     * UPDATE with the new link, under a new SEQUENCE so their calendar's invite takes the new link over the old.
     * The Teams meeting itself is untouched: whoever was already sent into it has its own URL.
     *
     * @return the appointment as saved, or empty when no such appointment was received
     */
    public Optional<Appointment> reissueJoinLinks(String appointmentId, Instant now) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Appointment> found = store.find(appointmentId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (found.get().hasPending()) {
                flush(found.get());
                continue;
            }
            Appointment next = found.get().withLinkNonce(Appointment.newLinkNonce(), now);
            boolean meetingOn = next.meeting() != null && !next.cancelled() && next.snapshot().wantsMeeting();
            if (next.patientNotified() && meetingOn) {
                next = next.withNextSequence().notifying(Kind.UPDATE);
            }
            if (meetingOn) {
                next = next.withEvent(TelehealthEvents.READY, TelehealthEvents.ready(next), now);
            }
            try {
                Appointment saved = store.save(next);
                flush(saved);
                return Optional.of(saved);
            } catch (ConcurrentChangeException e) {
                // read again: the nonce must go onto the newest row
            }
        }
        throw new IllegalStateException("Appointment " + appointmentId + " kept changing while revoking its join links ("
                + MAX_ROUNDS + " rounds); try again");
    }

    /**
     * @param meeting the meeting this decision made or moved in Graph (to put right if another writer wins the row),
     *     or {@code null}
     */
    private record Decision(Appointment appointment, Outcome outcome, Meeting meeting) {}

    /** What a newer snapshot does to the appointment's meeting. */
    private enum Transition { CREATE, REPLACE, MOVE, REMOVE, NOTHING }

    private Decision decide(Appointment current, Snapshot incoming, Instant now) throws MeetingException {
        Appointment before = current != null ? current : Appointment.unapplied(incoming);
        Transition transition = transition(before, incoming);
        Appointment next = before.withSnapshot(incoming, now);
        if (raisesSequence(transition, before, incoming)) {
            next = next.withNextSequence();
        }
        if (transition == Transition.CREATE && before.status() == TelehealthStatus.REMOVED && before.incarnation() == 0) {
            // Removed before incarnations were counted: that meeting's key must not be asked for again.
            next = next.withNextIncarnation();
        }
        Decision decision = switch (transition) {
            case CREATE -> create(next);
            case REPLACE -> replace(next);
            case MOVE -> move(next);
            case REMOVE -> remove(next, incoming);
            case NOTHING -> nothing(next);
        };
        decision = withEvent(decision, transition, now);
        if (!incoming.isDeletion()) {
            return decision;
        }
        // The cancellation intent was built from the full snapshot; the row keeps only what it needs.
        return new Decision(decision.appointment().keepingOnlyWhatDeletionNeeds(), decision.outcome(), decision.meeting());
    }

    /**
     * The PMS hears of each change of a link or time ({@code telehealth.ready}: a meeting made, replaced or moved) and
     * of a meeting removed, recorded on the row with the change.
     */
    private static Decision withEvent(Decision decision, Transition transition, Instant now) {
        Appointment a = decision.appointment();
        Appointment recorded = switch (transition) {
            case CREATE, REPLACE, MOVE -> a.withEvent(TelehealthEvents.READY, TelehealthEvents.ready(a), now);
            case REMOVE -> a.withEvent(TelehealthEvents.REMOVED, java.util.Map.of(), now);
            case NOTHING -> a;
        };
        return new Decision(recorded, decision.outcome(), decision.meeting());
    }

    private Transition transition(Appointment before, Snapshot incoming) throws MeetingException {
        Meeting meeting = before.meeting();
        if (!incoming.wantsMeeting()) {
            return meeting == null ? Transition.NOTHING : Transition.REMOVE;
        }
        if (meeting == null) {
            return Transition.CREATE;
        }
        if (!meetings.organizerOf(incoming).equalsIgnoreCase(meeting.organizerId())) {
            return Transition.REPLACE;
        }
        // Another provider in a facilitator's meeting: they become co-organiser, in place of the one before.
        boolean sameProvider = before.snapshot().provider().id().equals(incoming.provider().id());
        return sameTimes(meeting, incoming) && sameProvider ? Transition.NOTHING : Transition.MOVE;
    }

    /** The iCalendar SEQUENCE rises once per change the patient's calendar must take over what it has. */
    private static boolean raisesSequence(Transition transition, Appointment before, Snapshot incoming) {
        return timesDiffer(before.snapshot(), incoming) || switch (transition) {
            case REPLACE, MOVE, REMOVE -> true;
            // A fresh invitation after a cancellation must not be taken for the first one.
            case CREATE -> before.status() == TelehealthStatus.REMOVED;
            case NOTHING -> false;
        };
    }

    /** No meeting yet: make one and invite the patient. */
    private Decision create(Appointment next) throws MeetingException {
        Meeting made = meetings.create(next.snapshot(), next.externalId());
        return applied(next.withMeeting(made).withStatus(TelehealthStatus.READY).notifying(Kind.INVITATION), made);
    }

    /**
     * Another provider now organises it: their meeting replaces the old one (made first, so a failure to make it
     * leaves the old one working) in a new incarnation, and the patient gets the new link.
     */
    private Decision replace(Appointment next) throws MeetingException {
        next = next.withNextIncarnation();
        Meeting made = meetings.create(next.snapshot(), next.externalId());
        meetings.delete(next.meeting());
        Kind kind = next.patientNotified() ? Kind.UPDATE : Kind.INVITATION;
        return applied(next.withMeeting(made).withStatus(TelehealthStatus.READY).notifying(kind), made);
    }

    /** The meeting takes the new start and duration (and provider); a patient already invited is told. */
    private Decision move(Appointment next) throws MeetingException {
        Meeting moved = meetings.move(next.meeting(), next.snapshot());
        Appointment ready = next.withMeeting(moved).withStatus(TelehealthStatus.READY);
        return applied(ready.patientNotified() ? ready.notifying(Kind.UPDATE) : ready, moved);
    }

    /**
     * The meeting goes, and the next one made will be a new incarnation; a patient already invited is told it is
     * cancelled, unless it is {@link #over}.
     */
    private Decision remove(Appointment next, Snapshot incoming) throws MeetingException {
        if (keptForAttendance(next, incoming)) {
            return applied(next, null);
        }
        meetings.delete(next.meeting());
        Appointment removed = next.withMeeting(null).withStatus(TelehealthStatus.REMOVED).withNextIncarnation();
        boolean tell = removed.patientNotified() && !over(incoming);
        return applied(tell ? removed.notifying(Kind.CANCELLATION) : removed, null);
    }

    /**
     * A meeting that was held (its start has passed) and then completed or not attended stays until its attendance
     * report is read: Graph keeps the report with the meeting. {@link #releaseKeptMeeting} deletes it afterwards.
     */
    private static boolean keptForAttendance(Appointment next, Snapshot incoming) {
        return over(incoming) && !incoming.isDeletion() && next.attendance() == null
                && !next.meeting().start().isAfter(next.updatedAt());
    }

    /**
     * Deletes a meeting {@link #keptForAttendance kept for its attendance report} once that was read (or could not
     * be): the usual removal, without telling the patient (the appointment is over). A meeting the appointment still
     * wants stays.
     *
     * @return the appointment as it now is, or empty when there is no such appointment
     */
    public Optional<Appointment> releaseKeptMeeting(String appointmentId, Instant now) throws MeetingException {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Appointment> found = store.find(appointmentId);
            if (found.isEmpty()) {
                return found;
            }
            Appointment current = found.get();
            if (current.hasPending()) {
                flush(current);
                continue;
            }
            if (current.meeting() == null || (!current.deleted() && current.snapshot().wantsMeeting())) {
                return found;
            }
            meetings.delete(current.meeting());
            try {
                Appointment saved = store.save(current.withMeeting(null).withStatus(TelehealthStatus.REMOVED, null, now)
                        .withNextIncarnation());
                flush(saved);
                listener.applied(saved, now);
                return Optional.of(saved);
            } catch (ConcurrentChangeException e) {
                // read again
            }
        }
        throw new IllegalStateException("Appointment " + appointmentId + " kept changing while deleting its kept"
                + " meeting (" + MAX_ROUNDS + " rounds); the next attendance run tries again");
    }

    /** The meeting is as the snapshot wants it, or there is none and none is wanted. */
    private static Decision nothing(Appointment next) {
        TelehealthStatus status = next.meeting() != null ? TelehealthStatus.READY
                : next.status() == TelehealthStatus.REMOVED ? TelehealthStatus.REMOVED : TelehealthStatus.NOT_TELEHEALTH;
        return applied(next.withStatus(status), null);
    }

    private static Decision applied(Appointment next, Meeting touched) {
        return new Decision(next, Outcome.APPLIED, touched);
    }

    /**
     * Lets an admin see that a meeting is on its way while a throttled change waits. Only where no meeting exists
     * yet: a row with a meeting keeps READY, so its join links keep working while a move waits.
     */
    private void showPending(Appointment current, Snapshot incoming, String why, Instant now) {
        if (current != null && current.meeting() != null) {
            return;
        }
        Appointment before = current != null ? current : Appointment.unapplied(incoming);
        try {
            store.save(before.withStatus(TelehealthStatus.PENDING, why, now));
        } catch (ConcurrentChangeException e) {
            // Someone else wrote meanwhile; theirs says more than this marker would.
        }
    }

    /**
     * FAILED with a reason; the applied version, snapshot and meeting stay as they were (so the event's
     * {@code snapshotVersion} is the version still applied; the reason names the one that failed). The PMS is told
     * when the appointment becomes FAILED or fails for another reason, not again for the same failure redelivered.
     */
    private static Decision failed(Appointment current, Snapshot incoming, String reason, Instant now) {
        String why = "Version " + incoming.version() + ": " + reason;
        LOG.warning(() -> "Appointment " + incoming.id() + " FAILED: " + why);
        Appointment before = current != null ? current : Appointment.unapplied(incoming);
        Appointment failed = before.withStatus(TelehealthStatus.FAILED, why, now).withoutPendingIntents();
        boolean told = before.status() == TelehealthStatus.FAILED && why.equals(before.failureReason());
        if (!told) {
            failed = failed.withEvent(TelehealthEvents.FAILED, TelehealthEvents.failed(why), now);
        }
        return new Decision(failed, Outcome.FAILED, null);
    }

    /**
     * This invocation changed the meeting in Graph but a newer version won the row: make Graph match the winner
     * again, since our call may have landed after the winner's. Graph throttling the repair re-queues this message
     * (Retry-After honoured, until the winner's retry time is over) rather than failing it: failures would spend
     * the message's dequeues in seconds and leave Graph at our times. A repair that cannot be made shows the
     * appointment FAILED, since the row's times are then not the meeting's.
     *
     * <p>A repair's move is itself a Graph write that a still newer version can overtake (read, moved and saved
     * while ours is on its way), so, like every other write, it is fenced by the row: the row is saved again,
     * unchanged, conditional on the ETag the repair read. A writer that read the row before that save then loses its
     * own save and moves the meeting again after ours; if ours lost, the repair is made again for the new winner. A
     * repair that deletes our meeting saves the row before the delete too, at its next incarnation when it has no
     * meeting, so no later createOrGet asks for the deleted meeting's key.
     */
    private Outcome repair(Appointment winner, Meeting ours, AppointmentMessage message, Instant now) {
        Snapshot wanted = winner.snapshot() != null ? winner.snapshot() : message.snapshot();
        try {
            Appointment current = winner;
            Meeting landed = ours;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                boolean deleting = deletesOurs(current, landed);
                Meeting put = deleting ? null : moveBackAfterLosing(current, landed);
                if (!deleting && put == null) {
                    return Outcome.STALE;
                }
                try {
                    // Before the delete: a writer that read the row earlier loses its save and decides again.
                    store.save(deleting && current.meeting() == null ? current.withNextIncarnation() : current);
                    if (deleting) {
                        meetings.delete(landed);
                    }
                    return Outcome.STALE;
                } catch (ConcurrentChangeException e) {
                    if (put != null) {
                        landed = put;
                    }
                    current = settled(current.id());
                    if (current == null) {
                        return Outcome.STALE;
                    }
                }
            }
            throw new IllegalStateException("Appointment " + winner.id() + " kept changing while its meeting was put"
                    + " back (" + MAX_ROUNDS + " rounds); the queue will redeliver version " + message.snapshot().version());
        } catch (TransientMeetingException e) {
            Instant firstTried = message.firstTriedAtOr(now);
            if (now.isBefore(settings.giveUpAt(wanted, firstTried))) {
                retries.retryLater(message.nextRepair(firstTried), settings.delay(message.attempt(), e.retryAfter()));
                return Outcome.RETRY_SCHEDULED;
            }
            return repairFailed(winner, message, gaveUp(e, message, firstTried, now), now);
        } catch (MeetingException e) {
            return repairFailed(winner, message, e.getMessage(), now);
        }
    }

    /**
     * The meeting as an unfinished earlier delivery of {@code message} may have left it on Graph: at its version's
     * times, or, for a re-queued repair, at times not known (any of its rounds may have set a newer winner's), which
     * {@link #moveBackAfterLosing} then always puts right.
     */
    private static Meeting leftOnGraph(Meeting stored, AppointmentMessage message) {
        Snapshot own = message.snapshot();
        return message.repairing() ? stored.withTimes(null, null) : stored.withTimes(own.startInstant(), own.endInstant());
    }

    /**
     * Ours is nobody's meeting: the winner wants none and has none, or has another (another organiser's, made under
     * the same key; any later meeting of our organiser replaces theirs under a new key, so ours is never asked for).
     */
    private static boolean deletesOurs(Appointment winner, Meeting ours) {
        Meeting theirs = winner.meeting();
        return theirs == null ? !winnerWants(winner) : !theirs.meetingId().equals(ours.meetingId());
    }

    private static boolean winnerWants(Appointment winner) {
        return !winner.deleted() && winner.snapshot() != null && winner.snapshot().wantsMeeting();
    }

    /**
     * Puts Graph back to the winner's times after ours landed on the meeting they share.
     *
     * @return the meeting as moved (a Graph write a newer writer can overtake), or {@code null} when nothing was moved
     */
    private Meeting moveBackAfterLosing(Appointment winner, Meeting ours) throws MeetingException {
        Meeting theirs = winner.meeting();
        boolean shared = theirs != null && theirs.meetingId().equals(ours.meetingId());
        if (shared && winnerWants(winner) && !sameTimes(theirs, ours)) {
            return meetings.move(theirs, winner.snapshot());
        }
        return null;
    }

    /** Times not known (null) are never the same as any. */
    private static boolean sameTimes(Meeting stored, Meeting onGraph) {
        return stored.start().equals(onGraph.start()) && stored.end().equals(onGraph.end());
    }

    /** The row as stored once no intents are pending on it (they are sent first), or {@code null} when there is none. */
    private Appointment settled(String appointmentId) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Appointment current = store.find(appointmentId).orElse(null);
            if (current == null || !current.hasPending()) {
                return current;
            }
            flush(current);
        }
        throw new IllegalStateException("Appointment " + appointmentId + " kept changing while its meeting was put back"
                + " (" + MAX_ROUNDS + " rounds); the queue will redeliver it");
    }

    private Outcome repairFailed(Appointment winner, AppointmentMessage message, String reason, Instant now) {
        String why = "Teams may still have version " + message.snapshot().version() + "'s meeting times, not version "
                + winner.version() + "'s: " + reason;
        try {
            flush(store.save(failed(winner, message.snapshot(), why, now).appointment()));
        } catch (ConcurrentChangeException e) {
            // A newer write came meanwhile; the next message of this appointment repairs or fails on its own.
        }
        return Outcome.FAILED;
    }

    private void flush(Appointment appointment) {
        outbox.flush(appointment);
    }

    private String gaveUp(TransientMeetingException e, AppointmentMessage message, Instant firstTried, Instant now) {
        int tries = message.attempt() + 1;
        String since = "after " + tries + (tries == 1 ? " try" : " tries") + " over "
                + Duration.between(firstTried, now).toMinutes() + " min";
        String why = now.isBefore(firstTried.plus(settings.retryFor()))
                ? "the appointment's end passed" : "its retry time was over";
        return "Graph was still unavailable " + since + " and " + why + " (" + e.getMessage()
                + "); update the appointment to try again";
    }

    /**
     * Completed or did not attend: the meeting goes, but telling the patient their appointment is "cancelled"
     * after it happened would be wrong.
     */
    private static boolean over(Snapshot snapshot) {
        return snapshot.status() == Snapshot.Status.COMPLETED || snapshot.status() == Snapshot.Status.DID_NOT_ATTEND;
    }

    /**
     * An appointment that is not stored and has already ended: a late first message, or a PMS resending an old
     * one after retention purged the row. Neither may make a meeting or message the patient, so no tombstone
     * needs to outlive the row.
     */
    private static boolean endedBefore(Snapshot snapshot, Instant now) {
        return !snapshot.isDeletion() && snapshot.start() != null && snapshot.durationMinutes() != null
                && snapshot.endInstant().isBefore(now);
    }

    private static boolean timesDiffer(Snapshot before, Snapshot after) {
        if (before == null || before.isDeletion() || after.isDeletion()) {
            return false;
        }
        return !before.startInstant().equals(after.startInstant())
                || !Objects.equals(before.durationMinutes(), after.durationMinutes());
    }

    private static boolean sameTimes(Meeting meeting, Snapshot snapshot) {
        return meeting.start().equals(snapshot.startInstant()) && meeting.end().equals(snapshot.endInstant());
    }
}
