package org.teamstelehealth.appointments;

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

    /** Enqueues the row's pending intents and events, then clears them (if someone else wrote first, they will). */
    public void flush(Appointment appointment) {
        if (!appointment.hasPending()) {
            return;
        }
        appointment.pendingIntents().forEach(notifications::enqueue);
        appointment.pendingEvents().forEach(events::enqueue);
        try {
            store.save(appointment.withoutPendingIntents().withoutPendingEvents());
        } catch (ConcurrentChangeException e) {
            // The next writer read them too and enqueues them again; repeats are dropped downstream.
        }
    }
}
