package org.teamstelehealth.reminders;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.messages.Snapshot;

/**
 * The rules of when reminders go: one per configured offset and channel, at the start less the offset. An SMS whose
 * time falls in quiet hours (in the appointment's time zone) goes at the last allowed minute before they began
 * instead (a 24h reminder due at 22:30 goes at 20:59), always before the start; when that minute has already passed
 * at planning time (no allowed time is left before the start), the SMS is skipped and the email of that offset, if
 * any, still goes at its own time.
 */
public final class ReminderPlanner {
    private final ReminderSettings settings;

    public ReminderPlanner(ReminderSettings settings) {
        this.settings = settings;
    }

    /**
     * Every reminder the appointment, as it now is, wants, whenever due; none for an appointment without a Teams
     * meeting (cancelled, deleted, not telehealth, failed before a meeting was made) or without a start.
     */
    public List<PlannedReminder> wanted(Appointment appointment) {
        if (!settings.enabled() || !remindable(appointment)) {
            return List.of();
        }
        Snapshot snapshot = appointment.snapshot();
        ZonedDateTime start = snapshot.startInstant().atZone(snapshot.zone());
        List<PlannedReminder> wanted = new ArrayList<>();
        for (ReminderOffset offset : settings.offsets()) {
            for (ReminderChannel channel : ReminderChannel.values()) {
                if (offset.channels().contains(channel)) {
                    due(start, offset, channel).ifPresent(due -> wanted.add(
                            new PlannedReminder(appointment.id(), offset.label(), channel, due, start.toInstant())));
                }
            }
        }
        return wanted;
    }

    /**
     * What planning at {@code now} adds to the plan: the wanted reminders not already past, so a booking made after
     * an offset has passed skips that offset; within {@link ReminderSettings#grace()} they still go.
     */
    public List<PlannedReminder> toPlan(Appointment appointment, Instant now) {
        Instant earliest = now.minus(settings.grace());
        return wanted(appointment).stream().filter(r -> !r.due().isBefore(earliest)).toList();
    }

    /** Whether the entry, falling due at {@code now}, is still one the appointment wants, and goes. */
    public boolean stillWanted(PlannedReminder entry, Appointment appointment, Instant now) {
        if (!appointment.snapshot().startInstant().isAfter(now)) {
            return false;
        }
        if (entry.channel() == ReminderChannel.SMS && settings.smsQuietHours()
                .map(q -> q.contains(now.atZone(appointment.snapshot().zone()))).orElse(false)) {
            return false; // a catch-up after an outage: it would land in quiet hours
        }
        return wanted(appointment).stream().anyMatch(w -> w.offset().equals(entry.offset())
                && w.channel() == entry.channel() && w.start().equals(entry.start()));
    }

    private Optional<Instant> due(ZonedDateTime start, ReminderOffset offset, ReminderChannel channel) {
        ZonedDateTime due = start.minus(offset.before());
        if (channel != ReminderChannel.SMS || settings.smsQuietHours().isEmpty()) {
            return Optional.of(due.toInstant());
        }
        ZonedDateTime allowed = settings.smsQuietHours().get().latestAllowedAtOrBefore(due);
        // Quiet hours always move a reminder earlier, never past the start; the only case left is the start itself.
        return allowed.isBefore(start) ? Optional.of(allowed.toInstant()) : Optional.empty();
    }

    private static boolean remindable(Appointment appointment) {
        Snapshot s = appointment.snapshot();
        return !appointment.cancelled() && appointment.meeting() != null && s != null && s.wantsMeeting()
                && s.start() != null && s.timeZone() != null && s.patient() != null;
    }
}
