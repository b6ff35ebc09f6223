package org.teamstelehealth.appointments;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.messages.Snapshot;

/**
 * One appointment as the service stores it: the newest snapshot applied, and what was done about it.
 *
 * @param version the highest snapshot version applied; older or equal versions change nothing
 * @param snapshot the newest full snapshot; once deleted, only what {@link #keepingOnlyWhatDeletionNeeds()} keeps
 * @param deleted the PMS deleted the appointment
 * @param meeting the Teams meeting, or {@code null} while there is none
 * @param sequence iCalendar SEQUENCE: rises once with each change the patient's calendar must take over what it
 *     has (new times, a moved, replaced or removed meeting, a new invitation after a cancellation)
 * @param patientNotified an invitation was sent, so a later cancellation must be told too
 * @param failureReason why the status is {@link TelehealthStatus#FAILED}, in words an admin can act on
 * @param etag the storage ETag this was read with; writes are conditional on it ({@code null} for new)
 * @param pendingIntents notifications decided with this change but not yet known to be on the queue; saved with
 *     the change and cleared once enqueued, so a crash in between is repaired by the next delivery
 * @param incarnation which of the appointment's meetings the next one made is: raised with each meeting deleted
 *     (cancelled, or replaced by another organiser's), so every meeting has its own createOrGet key
 *     ({@link MeetingGateway#externalId(String, int)})
 * @param linkNonce bound into every join link's token: a new one revokes the links already sent. {@code ""} on rows
 *     stored before nonces existed, whose links (made without one) keep working until revoked
 * @param pendingEvents PMS events recorded with this change but not yet known to be on the events queue: the outbox,
 *     saved and cleared as {@code pendingIntents} are
 * @param eventSequence the sequence of the newest event recorded ({@code 0}: none yet)
 * @param patientResponse what the patient last said (confirmed, can't make it), or {@code null}
 * @param attendance who joined the meeting, once Graph's attendance report was read, or {@code null}
 * @param deliveryFailure why the newest SMS or email to the patient could not be delivered, for the admin's
 *     attention list, or {@code null}
 */
public record Appointment(
        String id,
        long version,
        Snapshot snapshot,
        boolean deleted,
        TelehealthStatus status,
        Meeting meeting,
        int sequence,
        boolean patientNotified,
        String failureReason,
        Instant updatedAt,
        String etag,
        List<NotificationIntent> pendingIntents,
        int incarnation,
        String linkNonce,
        List<PmsEvent> pendingEvents,
        long eventSequence,
        PatientResponse patientResponse,
        Attendance attendance,
        String deliveryFailure) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public Appointment {
        pendingIntents = pendingIntents == null ? List.of() : List.copyOf(pendingIntents);
        linkNonce = linkNonce == null ? "" : linkNonce;
        pendingEvents = pendingEvents == null ? List.of() : List.copyOf(pendingEvents);
    }

    /** 128 random bits, base64url: a new appointment's nonce, or the one that replaces a revoked one. */
    public static String newLinkNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Cancelled or deleted by the PMS: calendars show it as cancelled. */
    public boolean cancelled() {
        return deleted || snapshot.status() == Snapshot.Status.CANCELLED;
    }

    /**
     * An appointment nothing was applied to yet: version 0, no meeting, nobody told, not stored; {@code snapshot}
     * is kept so an admin can see what it was about.
     */
    public static Appointment unapplied(Snapshot snapshot) {
        return new Appointment(snapshot.id(), 0, snapshot, snapshot.isDeletion(), TelehealthStatus.NOT_TELEHEALTH,
                null, 0, false, null, null, null, List.of(), 0, newLinkNonce(), List.of(), 0, null, null, null);
    }

    /**
     * This appointment with a newer snapshot applied at {@code at}: its version and, unless it is a deletion, the
     * snapshot itself (a deletion keeps the last full snapshot and sets {@code deleted}). A failure reason, which
     * was about an older version, goes.
     */
    public Appointment withSnapshot(Snapshot incoming, Instant at) {
        Snapshot full = incoming.isDeletion() ? snapshot : incoming;
        return new Appointment(id, incoming.version(), full, incoming.isDeletion(), status, meeting, sequence,
                patientNotified, null, at, etag, pendingIntents, incarnation, linkNonce, pendingEvents, eventSequence, patientResponse, attendance, deliveryFailure);
    }

    /**
     * This deleted appointment as it is kept: the snapshot loses the patient's name and contact details, the
     * comments, the session and all of the provider but their id. What stays is what convergence, clean-up, the
     * admin status and the "cancelled" pages need: id, version, start, duration, time zone, appointment type,
     * the PMS's patient and provider ids (a join link still finds its appointment and says it is cancelled), the
     * clinic's location, and the meeting reference, status, sequence and pending intents (which carry the full
     * snapshot only until they are on the queue).
     */
    public Appointment keepingOnlyWhatDeletionNeeds() {
        Snapshot s = snapshot;
        Snapshot kept = s == null ? null : new Snapshot(s.id(), s.version(), null, s.start(), s.durationMinutes(),
                s.timeZone(), null, s.appointmentType(),
                s.patient() == null ? null : new Snapshot.Patient(s.patient().id(), null, null, null, null, null, null,
                        null, null),
                s.provider() == null ? null : new Snapshot.Provider(s.provider().id(), null, null, null, null),
                s.location(), null);
        return new Appointment(id, version, kept, deleted, status, meeting, sequence, patientNotified, failureReason,
                updatedAt, etag, pendingIntents, incarnation, linkNonce, pendingEvents, eventSequence, patientResponse, attendance, deliveryFailure);
    }

    /**
     * When the retention period of this appointment starts: its end, or, for a deletion that never came with
     * times, its last change.
     */
    public Instant retainedFrom() {
        boolean timed = snapshot != null && snapshot.start() != null && snapshot.durationMinutes() != null;
        return timed ? snapshot.endInstant() : updatedAt;
    }

    /** The next iCalendar SEQUENCE: the patient's calendar must take what follows over what it has. */
    public Appointment withNextSequence() {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence + 1, patientNotified,
                failureReason, updatedAt, etag, pendingIntents, incarnation, linkNonce, pendingEvents, eventSequence, patientResponse, attendance, deliveryFailure);
    }

    /** The next meeting made is a new one, under a key no deleted meeting had. */
    public Appointment withNextIncarnation() {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified,
                failureReason, updatedAt, etag, pendingIntents, incarnation + 1, linkNonce, pendingEvents, eventSequence, patientResponse, attendance, deliveryFailure);
    }

    /** The createOrGet key of this incarnation's meeting. */
    public String externalId() {
        return MeetingGateway.externalId(id, incarnation);
    }

    public Appointment withMeeting(Meeting meeting) {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified,
                failureReason, updatedAt, etag, pendingIntents, incarnation, linkNonce, pendingEvents, eventSequence, patientResponse, attendance, deliveryFailure);
    }

    public Appointment withStatus(TelehealthStatus status) {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified,
                failureReason, updatedAt, etag, pendingIntents, incarnation, linkNonce, pendingEvents, eventSequence, patientResponse, attendance, deliveryFailure);
    }

    /** A status an admin needs the reason for ({@link TelehealthStatus#FAILED}, PENDING), set at {@code at}. */
    public Appointment withStatus(TelehealthStatus status, String reason, Instant at) {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified, reason,
                at, etag, pendingIntents, incarnation, linkNonce, pendingEvents, eventSequence, patientResponse, attendance, deliveryFailure);
    }

    /**
     * Asks for the patient to be told of this appointment as it now is: a pending intent with its sequence,
     * snapshot and join link. An invitation marks the patient notified, so a later cancellation is told too.
     */
    public Appointment notifying(Kind kind) {
        List<NotificationIntent> intents = new ArrayList<>(pendingIntents);
        intents.add(new NotificationIntent(id, kind, sequence, snapshot, meeting == null ? null : meeting.joinWebUrl(),
                linkNonce));
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence,
                patientNotified || kind == Kind.INVITATION, failureReason, updatedAt, etag, intents, incarnation, linkNonce, pendingEvents, eventSequence, patientResponse, attendance, deliveryFailure);
    }

    /** The pending intents are on the queue now. */
    public Appointment withoutPendingIntents() {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified,
                failureReason, updatedAt, etag, List.of(), incarnation, linkNonce, pendingEvents, eventSequence, patientResponse, attendance, deliveryFailure);
    }

    /** Join links already sent stop working; links made from now on carry {@code nonce}. Changed at {@code at}. */
    public Appointment withLinkNonce(String nonce, Instant at) {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified,
                failureReason, at, etag, pendingIntents, incarnation, nonce, pendingEvents, eventSequence, patientResponse, attendance, deliveryFailure);
    }

    /** As stored under {@code etag}. */
    public Appointment withEtag(String etag) {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified,
                failureReason, updatedAt, etag, pendingIntents, incarnation, linkNonce, pendingEvents, eventSequence, patientResponse, attendance, deliveryFailure);
    }

    /** Whether intents or events wait to be put on their queues. */
    public boolean hasPending() {
        return !pendingIntents.isEmpty() || !pendingEvents.isEmpty();
    }

    /**
     * Records a PMS event about this appointment as it now is, saved with the change it reports: the next sequence,
     * its {@link PmsEvent#idFor stable id}, and this appointment's version.
     */
    public Appointment withEvent(String type, Map<String, Object> data, Instant at) {
        long next = eventSequence + 1;
        List<PmsEvent> events = new ArrayList<>(pendingEvents);
        events.add(new PmsEvent(PmsEvent.idFor(id, next), type, id, version, next, at, data));
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified, failureReason,
                updatedAt, etag, pendingIntents, incarnation, linkNonce, events, next, patientResponse, attendance, deliveryFailure);
    }

    /** The pending events are on the queue now. */
    public Appointment withoutPendingEvents() {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified, failureReason,
                updatedAt, etag, pendingIntents, incarnation, linkNonce, List.of(), eventSequence, patientResponse,
                attendance, deliveryFailure);
    }

    public Appointment withPatientResponse(PatientResponse response) {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified, failureReason,
                updatedAt, etag, pendingIntents, incarnation, linkNonce, pendingEvents, eventSequence, response,
                attendance, deliveryFailure);
    }

    public Appointment withAttendance(Attendance recorded) {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified, failureReason,
                updatedAt, etag, pendingIntents, incarnation, linkNonce, pendingEvents, eventSequence, patientResponse,
                recorded, deliveryFailure);
    }

    /** {@code reason}: why a message to the patient could not be delivered; {@code null} once one was. */
    public Appointment withDeliveryFailure(String reason) {
        return new Appointment(id, version, snapshot, deleted, status, meeting, sequence, patientNotified, failureReason,
                updatedAt, etag, pendingIntents, incarnation, linkNonce, pendingEvents, eventSequence, patientResponse,
                attendance, reason);
    }
}
