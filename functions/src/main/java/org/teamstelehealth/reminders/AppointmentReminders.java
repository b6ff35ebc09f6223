package org.teamstelehealth.reminders;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentListener;
import org.teamstelehealth.appointments.AppointmentStore;
import org.teamstelehealth.appointments.NotificationQueue;
import org.teamstelehealth.messages.NotificationIntent;

/**
 * Plans reminders whenever an appointment is applied, and sends the due ones each timer tick.
 *
 * <p>Planning only adds entries (idempotently): a move adds the new due times, and the entries of the old times stay
 * until they fall due, when the appointment is read again and an entry it no longer wants (another start, cancelled,
 * deleted, no longer telehealth, already started) is dropped. A wanted one goes on the notifications queue as a
 * {@link NotificationIntent.Kind#REMINDER}, whose delivery key names the offset, so an ACS outage delays it (the
 * notifications side retries) and a tick repeated after a crash does not send it twice.
 */
public final class AppointmentReminders implements AppointmentListener {
    private static final Logger LOG = Logger.getLogger(AppointmentReminders.class.getName());
    /** How far back a tick after a pause reads, to clear out what fell due meanwhile: one range read per UTC day. */
    static final Duration LONGEST_LOOK_BACK = Duration.ofDays(31);

    private final ReminderPlan plan;
    private final AppointmentStore appointments;
    private final NotificationQueue notifications;
    private final ReminderPlanner planner;
    private final ReminderSettings settings;

    /** What one tick did. */
    public record Tick(int sent, int dropped, Instant from) {}

    public AppointmentReminders(ReminderPlan plan, AppointmentStore appointments, NotificationQueue notifications,
            ReminderSettings settings) {
        this.plan = plan;
        this.appointments = appointments;
        this.notifications = notifications;
        this.planner = new ReminderPlanner(settings);
        this.settings = settings;
    }

    /** Plans the reminders the stored appointment wants from {@code now} on. */
    @Override
    public void applied(Appointment stored, Instant now) {
        plan.putAll(planner.toPlan(stored, now));
    }

    /**
     * Sends what fell due since the last tick (re-reading a little before it, for entries planned within the grace);
     * after a longer pause, what fell due within the catch-up window, dropping what fell due before it; then records
     * this tick. A failure leaves the rest, and the next tick reads them again.
     */
    public Tick tick(Instant now) {
        Instant from = windowStart(now);
        Instant tooLate = now.minus(settings.catchUp());
        int sent = 0;
        int dropped = 0;
        for (PlannedReminder entry : plan.due(from, now)) {
            Optional<NotificationIntent> intent = settings.enabled() && !entry.due().isBefore(tooLate)
                    ? appointments.find(entry.appointmentId()).filter(a -> planner.stillWanted(entry, a, now))
                            .map(a -> intent(entry, a))
                    : Optional.empty();
            if (intent.isPresent()) {
                notifications.enqueue(intent.get());
                sent++;
            } else {
                LOG.fine(() -> "Reminder " + entry.offset() + " " + entry.channel().id() + " of appointment "
                        + entry.appointmentId() + " no longer wanted; dropped");
                dropped++;
            }
            plan.remove(entry);
        }
        plan.recordTick(now);
        return new Tick(sent, dropped, from);
    }

    /**
     * A little before the last tick; at most {@link #LONGEST_LOOK_BACK} back (entries older than that, left by a
     * longer pause or a first run, stay in their day's partition unread).
     */
    private Instant windowStart(Instant now) {
        Instant earliest = now.minus(LONGEST_LOOK_BACK);
        Duration overlap = settings.grace().plusMinutes(1);
        // A last tick after now (the clock was set back, or another host's clock is ahead) counts as now.
        Instant sinceLast = plan.lastTick().map(last -> (last.isAfter(now) ? now : last).minus(overlap)).orElse(earliest);
        return sinceLast.isAfter(earliest) ? sinceLast : earliest;
    }

    private static NotificationIntent intent(PlannedReminder entry, Appointment a) {
        return new NotificationIntent(a.id(), NotificationIntent.Kind.REMINDER, a.sequence(), a.snapshot(),
                a.meeting().joinWebUrl(), a.linkNonce(),
                new NotificationIntent.Reminder(entry.offset(), entry.channel().id()));
    }
}
