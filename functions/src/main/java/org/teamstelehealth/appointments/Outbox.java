package org.teamstelehealth.appointments;

import java.util.ArrayList;
import java.util.List;
import org.teamstelehealth.platform.Concurrently;

/**
 * Puts what a saved row has pending (notification intents, PMS events) on their queues, then clears it. Whoever next
 * reads a row with something still pending does it again; the consumers drop repeats (delivery keys, event ids).
 */
public final class Outbox {
    private final AppointmentStore store;
    private final NotificationQueue notifications;
    private final EventQueue events;

    public Outbox(AppointmentStore store, NotificationQueue notifications, EventQueue events) {
        this.store = store;
        this.notifications = notifications;
        this.events = events;
    }

    /**
     * Enqueues the row's pending intents and events, all at once (they go to different queues, in no order), then,
     * once every one is on its queue, clears them (if someone else wrote first, they will).
     */
    public void flush(Appointment appointment) {
        if (!appointment.hasPending()) {
            return;
        }
        List<Runnable> sends = new ArrayList<>();
        appointment.pendingIntents().forEach(intent -> sends.add(() -> notifications.enqueue(intent)));
        appointment.pendingEvents().forEach(event -> sends.add(() -> events.enqueue(event)));
        Concurrently.run(sends);
        try {
            store.save(appointment.withoutPendingIntents().withoutPendingEvents());
        } catch (ConcurrentChangeException e) {
            // The next writer read them too and enqueues them again; repeats are dropped downstream.
        }
    }

    /** Readies {@link #flush} for its first call: encodes what the row has pending, sends nothing, saves nothing. */
    public void rehearseFlush(Appointment appointment) {
        appointment.pendingIntents().forEach(notifications::rehearseEnqueue);
        appointment.pendingEvents().forEach(events::rehearseEnqueue);
    }
}
