package org.teamstelehealth.appointments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.messages.Snapshot;

/**
 * What an admin sees about one appointment: the applied snapshot's essentials, the telehealth status (with the
 * reason when FAILED), and the sections features add (the participants like the seed's "Microsoft Teams
 * Details", the deliveries).
 */
public final class AppointmentStatus {
    private final AppointmentStore store;
    private final List<StatusSection> sections;

    /** @param sections what features add to the document, in order (join adds {@code participants}) */
    public AppointmentStatus(AppointmentStore store, List<StatusSection> sections) {
        this.store = store;
        this.sections = List.copyOf(sections);
    }

    public Optional<Map<String, Object>> describe(String appointmentId) {
        return store.find(appointmentId).map(this::document);
    }

    private Map<String, Object> document(Appointment a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appointment_id", a.id());
        body.put("version", a.version());
        Snapshot s = a.snapshot();
        Map<String, Object> appointment = new LinkedHashMap<>();
        appointment.put("status", a.deleted() ? "deleted" : s.status() == null ? null : s.status().wireName());
        if (s.start() != null) {
            appointment.put("start", s.start());
            appointment.put("end", s.endInstant().atOffset(s.start().getOffset()));
            appointment.put("time_zone", s.timeZone());
        }
        if (s.appointmentType() != null) {
            appointment.put("appointment_type", s.appointmentType().description());
            appointment.put("telehealth_enabled", s.appointmentType().telehealthEnabled());
        }
        if (s.provider() != null) {
            appointment.put("provider_id", s.provider().id());
        }
        body.put("appointment", appointment);
        Map<String, Object> telehealth = new LinkedHashMap<>();
        telehealth.put("status", a.status().name().toLowerCase());
        telehealth.put("reason", a.failureReason());
        if (a.meeting() != null) {
            telehealth.put("meeting_id", a.meeting().meetingId());
            telehealth.put("organizer_id", a.meeting().organizerId());
            telehealth.put("start", a.meeting().start());
            telehealth.put("end", a.meeting().end());
            if (a.meeting().browserJoinUrl() != null || a.meeting().browserJoinRefusal() != null) {
                // Asked for (PATIENT_JOIN=browser): which link patients get, and why not the browser one.
                telehealth.put("patient_join", a.meeting().browserJoinUrl() != null ? "browser" : "teams");
                telehealth.put("patient_join_reason", a.meeting().browserJoinRefusal());
            }
        }
        telehealth.put("sequence", a.sequence());
        telehealth.put("patient_notified", a.patientNotified());
        telehealth.put("notifications_pending", a.pendingIntents().size());
        telehealth.put("updated_at", a.updatedAt());
        body.put("telehealth", telehealth);
        for (StatusSection section : sections) {
            Object value = section.describe(a);
            if (value != null) {
                body.put(section.name(), value);
            }
        }
        return body;
    }
}
