package org.teamstelehealth.join;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.StatusSection;
import org.teamstelehealth.join.JoinLinks.Participant;
import org.teamstelehealth.messages.Snapshot;

/**
 * The seed's "Microsoft Teams Details" table on the admin status: the patient and the provider, each
 * with the {@code join_telehealth_session} link they join by.
 */
public final class ParticipantsSection implements StatusSection {
    private final JoinLinks joinLinks;

    public ParticipantsSection(JoinLinks joinLinks) {
        this.joinLinks = joinLinks;
    }

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
                participant(s.patient().displayNameOrFullName(), "patient", meetingId,
                        joinLinks.address(a.id(), s.patient().id(), Participant.PATIENT, a.linkNonce())),
                participant(s.provider().displayName(), "provider", meetingId,
                        joinLinks.address(a.id(), s.patient().id(), Participant.PROVIDER, a.linkNonce())));
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
}
