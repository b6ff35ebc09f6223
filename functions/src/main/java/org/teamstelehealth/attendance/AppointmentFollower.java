package org.teamstelehealth.attendance;

import java.time.Instant;
import java.time.Duration;
import java.time.ZoneOffset;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentListener;
import org.teamstelehealth.appointments.TelehealthStatus;

/**
 * Keeps the {@link AttendanceIndex} in step with every appointment saved: its day, provider, whether a meeting was
 * made, and when the meeting's attendance is due (its end plus the settle delay), so a moved meeting is read after
 * its new end. One upsert per save.
 */
public final class AppointmentFollower implements AppointmentListener {
    private final AttendanceIndex index;
    private final Duration settleDelay;

    public AppointmentFollower(AttendanceIndex index, AttendanceSettings settings) {
        this.index = index;
        this.settleDelay = settings.settleDelay();
    }

    @Override
    public void applied(Appointment appointment, Instant now) {
        AttendanceIndex.Entry entry = entry(appointment, settleDelay);
        if (entry != null) {
            index.follow(entry);
        }
    }

    /**
     * Removes the appointment's entry, as retention purges the appointment (its key is the start day the row says).
     *
     * @return how many entries were removed (0 for an appointment the index never held)
     */
    public int forget(Appointment appointment) {
        AttendanceIndex.Entry entry = entry(appointment, settleDelay);
        if (entry == null) {
            return 0;
        }
        index.remove(entry.day(), appointment.id());
        return 1;
    }

    /**
     * What the index says of {@code appointment}, or {@code null} when it is no telehealth appointment (never had a
     * meeting) or has no start.
     */
    static AttendanceIndex.Entry entry(Appointment appointment, Duration settleDelay) {
        var snapshot = appointment.snapshot();
        boolean telehealth = appointment.status() != TelehealthStatus.NOT_TELEHEALTH || appointment.meeting() != null
                || appointment.attendance() != null;
        if (!telehealth || snapshot == null || snapshot.start() == null || snapshot.provider() == null) {
            return null;
        }
        boolean cancelled = appointment.cancelled();
        boolean ready = appointment.meeting() != null || appointment.attendance() != null
                || (appointment.status() == TelehealthStatus.REMOVED && !cancelled);
        boolean due = appointment.meeting() != null && !cancelled && appointment.attendance() == null;
        return new AttendanceIndex.Entry(appointment.id(), snapshot.startInstant().atZone(ZoneOffset.UTC).toLocalDate(),
                snapshot.provider().id(), snapshot.startInstant(),
                due ? appointment.meeting().end().plus(settleDelay) : null, ready, cancelled, appointment.attendance());
    }
}
