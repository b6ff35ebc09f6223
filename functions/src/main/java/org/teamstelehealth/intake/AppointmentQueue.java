package org.teamstelehealth.intake;

import org.teamstelehealth.appointments.AppointmentMessage;

/** The {@value AppointmentMessage#QUEUE} queue, as intake sees it: somewhere to put accepted snapshots. */
public interface AppointmentQueue {

    /** Returns once the message is durably queued. */
    void send(AppointmentMessage message) throws StorageUnavailableException;
}
