package org.teamstelehealth.appointments;

import org.teamstelehealth.messages.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.join.JoinLinks.Participant;

/**
 * What an admin sees about one appointment: the applied snapshot's essentials, the telehealth status (with the
 * reason when FAILED), the participants like the seed's "Microsoft Teams Details", and any further sections.
 */
public final class AppointmentStatus {
    private final AppointmentStore store;
    private final List<StatusSection> sections;

    public AppointmentStatus(AppointmentStore store, JoinLinks joinLinks, List<StatusSection> moreSections) {
        this.store = store;
        this.sections = new ArrayList<>();
        this.sections.add(new Participants(joinLinks));
        this.sections.addAll(moreSections);
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

    /** The seed's participant table: the patient and the provider, each with the link they join by. */
    record Participants(JoinLinks joinLinks) implements StatusSection {
        @Override
        public String name() {
            return "participants";
        }

        @Override
        public Object describe(Appointment a) {
            Snapshot s = a.snapshot();
            if (a.meeting() == null || s.patient() == null || s.provider() == null) {
                return List.of();
            }
            String meetingId = a.meeting().meetingId();
            return List.of(
                    participant(displayName(s.patient()), "patient", meetingId,
                            joinLinks.link(a.id(), s.patient().id(), Participant.PATIENT).toString()),
                    participant(s.provider().displayName(), "provider", meetingId,
                            joinLinks.link(a.id(), s.patient().id(), Participant.PROVIDER).toString()));
        }

        private static Map<String, Object> participant(String name, String type, String meetingId, String entryUrl) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("participant", name);
            p.put("participant_type", type);
            p.put("vendor", "teams");
            p.put("external_participant", meetingId);
            p.put("entry_url", entryUrl);
            return p;
        }

        private static String displayName(Snapshot.Patient patient) {
            return patient.displayName() != null ? patient.displayName()
                    : (patient.givenName() + " " + patient.familyName()).strip();
        }
    }
}
