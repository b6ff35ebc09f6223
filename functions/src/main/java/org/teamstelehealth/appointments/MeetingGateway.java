package org.teamstelehealth.appointments;

import org.teamstelehealth.messages.Snapshot;

/**
 * Port: the Teams meetings of appointments. Every operation is safe to repeat: {@link #create} returns the
 * meeting already made under the external id, {@link #move} sets absolute times and the provider, {@link #delete}
 * of a meeting that is gone succeeds.
 */
public interface MeetingGateway {

    /**
     * The Entra object id of the user who should organise this snapshot's meeting; when it differs from an existing
     * meeting's organiser (the appointment moved to another provider), the meeting must be made again.
     */
    String organizerOf(Snapshot snapshot) throws MeetingException;

    /**
     * Makes (or finds) the meeting keyed by {@code externalId}, with the snapshot's times and the admin's settings.
     *
     * @param externalId {@link #externalId(String, int)} of the appointment's current incarnation
     */
    Meeting create(Snapshot snapshot, String externalId) throws MeetingException;

    /**
     * Sets the meeting's start, end and subject to the snapshot's; a facilitator's meeting also takes the snapshot's
     * provider as co-organiser, in place of the one before.
     */
    Meeting move(Meeting meeting, Snapshot snapshot) throws MeetingException;

    /** Deletes the meeting; one already deleted counts as done. */
    void delete(Meeting meeting) throws MeetingException;

    /**
     * Readies the way {@link #create} goes for its first call, making no meeting and changing nothing anyone can
     * see: does what create does for {@code snapshot} short of sending the requests that would make it. Throws what
     * reaching the service threw.
     */
    default void rehearseCreate(Snapshot snapshot) {}

    /**
     * The id Graph's createOrGet keys one incarnation of an appointment's meeting by. Each meeting made after one was
     * deleted has a new incarnation, so createOrGet is only ever asked to replay a meeting that lives (what it does
     * with the key of a deleted meeting is undocumented). Incarnation 0 keeps the key meetings had before there were
     * incarnations.
     */
    static String externalId(String appointmentId, int incarnation) {
        return "teams-telehealth-" + appointmentId + (incarnation == 0 ? "" : "-" + incarnation);
    }
}
