package org.teamstelehealth.notifications;

import java.time.Instant;
import java.util.Optional;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentStore;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.Snapshot;

/**
 * Whether a REMINDER intent may still go when it is sent, which may be long after it was queued (an ACS outage
 * holds it on the queue): not once the appointment has started, and, checked against the appointment as stored
 * now, not once it was deleted, cancelled (or is no longer telehealth), or moved to another start. A moved
 * appointment's reminder for its new start is planned and queued on its own; this one carries the old time.
 */
public final class ReminderChecks {
    static final String STARTED = "the appointment had started before the reminder could go";
    static final String DELETED = "the appointment was deleted before the reminder could go";
    static final String CANCELLED = "the appointment was cancelled or is no longer telehealth before the reminder"
            + " could go";
    /** Not final for the delivery: a reminder of the same offset for the new start still goes. */
    static final String MOVED = "the appointment moved after this reminder was queued; the reminder for its new"
            + " start goes when that is due";

    private final Optional<AppointmentStore> appointments;

    /** @param appointments where the appointment is stored now; empty: only the start is checked (tools, tests) */
    public ReminderChecks(Optional<AppointmentStore> appointments) {
        this.appointments = appointments;
    }

    /** Why {@code reminder} must not go at {@code now}; empty when it may. */
    public Optional<String> skipReason(NotificationIntent reminder, Instant now) {
        if (!reminder.snapshot().startInstant().isAfter(now)) {
            return Optional.of(STARTED);
        }
        if (appointments.isEmpty()) {
            return Optional.empty();
        }
        Optional<Appointment> stored = appointments.get().find(reminder.appointmentId());
        if (stored.isEmpty() || stored.get().deleted()) {
            return Optional.of(DELETED);
        }
        Appointment a = stored.get();
        Snapshot s = a.snapshot();
        if (a.cancelled() || a.meeting() == null || s == null || !s.wantsMeeting() || s.start() == null) {
            return Optional.of(CANCELLED);
        }
        if (!s.startInstant().equals(reminder.snapshot().startInstant())) {
            return Optional.of(MOVED);
        }
        return Optional.empty();
    }
}
