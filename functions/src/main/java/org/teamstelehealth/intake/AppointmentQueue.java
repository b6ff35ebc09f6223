package org.teamstelehealth.intake;

import org.teamstelehealth.messages.AppointmentMessage;

/** The {@value AppointmentMessage#QUEUE} queue, as intake sees it: somewhere to put accepted snapshots. */
public interface AppointmentQueue {

    /** Returns once the message is durably queued. */
    void send(AppointmentMessage message) throws StorageUnavailableException;

    /**
     * Whether the message is small enough for this queue. Checked before anything is stored, so an
     * oversized snapshot gets a 4xx rather than a 503 the PMS would retry for ever.
     */
    boolean fits(AppointmentMessage message);
}
