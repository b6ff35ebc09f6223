package org.teamstelehealth.appointments;

import org.teamstelehealth.messages.Snapshot;

/**
 * Port: the Teams meetings of appointments. Every operation is safe to repeat: {@link #create} returns the
 * meeting already made for the appointment, {@link #move} sets absolute times, {@link #delete} of a meeting
 * that is gone succeeds.
 */
public interface MeetingGateway {

    /**
     * The Entra object id of the user who should organise this snapshot's meeting; when it differs from an existing
     * meeting's organiser (the appointment moved to another provider), the meeting must be made again.
     */
    String organizerOf(Snapshot snapshot) throws MeetingException;

    /** Makes (or finds) the appointment's meeting, with the snapshot's times and the admin's settings. */
    Meeting create(Snapshot snapshot) throws MeetingException;

    /** Sets the meeting's start and end to the snapshot's. */
    Meeting move(Meeting meeting, Snapshot snapshot) throws MeetingException;

    /** Deletes the meeting; one already deleted counts as done. */
    void delete(Meeting meeting) throws MeetingException;

    /** The stable id Graph's createOrGet keys an appointment's meeting by. */
    static String externalId(String appointmentId) {
        return "teams-telehealth-" + appointmentId;
    }
}
