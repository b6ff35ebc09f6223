package org.teamstelehealth.attendance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.Attendance;
import org.teamstelehealth.appointments.StatusSection;

/**
 * The admin status document's {@code attendance} section: what was recorded (outcome, reason, who joined, minutes,
 * the patient's wait), or when it will be read; absent for an appointment without a meeting.
 */
public final class AttendanceSection implements StatusSection {
    private final Duration settleDelay;

    public AttendanceSection(AttendanceSettings settings) {
        this.settleDelay = settings.settleDelay();
    }

    @Override
    public String name() {
        return "attendance";
    }

    @Override
    public Object describe(Appointment appointment) {
        Attendance a = appointment.attendance();
        if (a == null) {
            if (appointment.meeting() == null || appointment.cancelled()) {
                return null;
            }
            Map<String, Object> waiting = new LinkedHashMap<>();
            waiting.put("outcome", null);
            waiting.put("read_from", appointment.meeting().end().plus(settleDelay));
            return waiting;
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("outcome", a.outcome().wireName());
        section.put("text", a.text());
        section.put("reason", a.reason());
        section.put("recorded_at", a.recordedAt());
        section.put("provider_joined", a.providerJoined());
        section.put("patient_joined", a.patientJoined());
        section.put("provider", a.provider());
        section.put("patient", a.patient());
        section.put("patient_wait_minutes", a.patientWaitMinutes());
        section.put("guests", a.guests());
        return section;
    }
}
