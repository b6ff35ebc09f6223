package org.teamstelehealth.intake;

import java.util.Optional;
import org.teamstelehealth.messages.AppointmentMessage;

/** The {@value AppointmentMessage#QUEUE} queue, as intake sees it: somewhere to put accepted snapshots. */
public interface AppointmentQueue {

    /**
     * The message as the queue will carry it, written once; empty when it is too large for this queue.
     * Asked before anything is stored, so an oversized snapshot gets a 4xx rather than a 503 the PMS
     * would retry for ever.
     */
    Optional<Outgoing> encode(AppointmentMessage message);

    /** Returns once the message is durably queued. */
    void send(Outgoing message) throws StorageUnavailableException;

    /** A message and the body the queue will carry for it. */
    record Outgoing(AppointmentMessage message, String body) {}
}
