package org.teamstelehealth.intake;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.teamstelehealth.messages.AppointmentMessage;

/** A queue in a list; {@link #down} makes sends fail as if queue storage were unreachable. */
final class InMemoryAppointmentQueue implements AppointmentQueue {
    final List<AppointmentMessage> messages = new CopyOnWriteArrayList<>();
    boolean down;
    boolean tooSmall;
    /** Every send tried, as a storage round trip would be. */
    int calls;

    @Override
    public Optional<Outgoing> encode(AppointmentMessage message) {
        return tooSmall ? Optional.empty() : Optional.of(new Outgoing(message, ""));
    }

    @Override
    public void send(Outgoing message) throws StorageUnavailableException {
        calls++;
        if (down) {
            throw new StorageUnavailableException("queue down", new RuntimeException("simulated"));
        }
        messages.add(message.message());
    }
}
