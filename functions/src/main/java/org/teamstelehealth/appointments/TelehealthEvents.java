package org.teamstelehealth.appointments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teamstelehealth.messages.Snapshot;

/**
 * The {@code telehealth.*} events {@link AppointmentService} records for the PMS (contract/events/), and what their
 * {@code data} holds when recorded.
 *
 * <p>{@code telehealth.ready} carries the participants table, whose entry URLs are our tokenised
 * {@code join_telehealth_session} links. This package cannot make them (the join package makes them, and depends on
 * this one), so the event is recorded with what a link is made of instead, under {@value #JOIN_LINK}: the PMS's
 * patient id and the appointment's link nonce as they were at this change. The events sender (which may depend on
 * join) turns that into each participant's {@code entryUrl} when it builds the body, and sends nothing else of it.
 * Recording the inputs rather than looking the appointment up at send time keeps the event what it was when recorded
 * (a later change has its own event), and needs no read of a row that may have changed or gone meanwhile.
 */
public final class TelehealthEvents {
    public static final String READY = "telehealth.ready";
    public static final String FAILED = "telehealth.failed";
    public static final String REMOVED = "telehealth.removed";
    /** The sender-only member of a ready event's data: {@code {"patientId", "nonce"}}; never sent. */
    public static final String JOIN_LINK = "joinLink";
    public static final String VENDOR = "Microsoft Teams";

    private TelehealthEvents() {}

    /**
     * A ready event's data for an appointment with a meeting: its times, and one participant entry each for the
     * patient and the provider ({@code participant} is the PMS's id for them: the PMS knows their names, and patient
     * names never leave in an event), each {@code entryUrl} left for the sender to fill in.
     */
    static Map<String, Object> ready(Appointment a) {
        Snapshot s = a.snapshot();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("start", a.meeting().start().toString());
        data.put("end", a.meeting().end().toString());
        data.put("participants", List.of(
                participant(s.patient().id(), "Patient", a.meeting().meetingId()),
                participant(s.provider().id(), "Provider", a.meeting().meetingId())));
        data.put(JOIN_LINK, Map.of("patientId", s.patient().id(), "nonce", a.linkNonce()));
        return data;
    }

    static Map<String, Object> failed(String reason) {
        return Map.of("reason", reason);
    }

    private static Map<String, Object> participant(String id, String type, String meetingId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("participant", id);
        p.put("participantType", type);
        p.put("vendor", VENDOR);
        p.put("externalParticipant", meetingId);
        return p;
    }
}
