package org.teamstelehealth.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.teamstelehealth.appointments.TelehealthEvents;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.join.JoinLinks.Participant;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.platform.Json;

/**
 * The JSON body of one event as contract/events/README.md describes it:
 * {@code {"type", "id", "timestamp", "data": {"appointmentId", "snapshotVersion", "sequence", ...the event's own}}}.
 * A {@code telehealth.ready} event's participants get their {@code entryUrl} here, from what the event recorded
 * ({@link TelehealthEvents#JOIN_LINK}), which itself is not sent.
 */
public final class EventBody {
    private final JoinLinks joinLinks;

    public EventBody(JoinLinks joinLinks) {
        this.joinLinks = joinLinks;
    }

    public byte[] of(PmsEvent event) {
        Envelope envelope = new Envelope(event.type(), event.id(), event.occurredAt().toString(), data(event));
        return Json.write(envelope).getBytes(StandardCharsets.UTF_8);
    }

    /** platform.Json leaves out nulls; a data member null on purpose ({@code patientWaitMinutes}) is sent as null. */
    private record Envelope(String type, String id, String timestamp,
            @JsonInclude(content = JsonInclude.Include.ALWAYS) Map<String, Object> data) {}

    private Map<String, Object> data(PmsEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("appointmentId", event.appointmentId());
        data.put("snapshotVersion", event.snapshotVersion());
        data.put("sequence", event.sequence());
        Map<String, Object> own = new TreeMap<>(event.data());
        Object link = own.remove(TelehealthEvents.JOIN_LINK);
        if (link instanceof Map<?, ?> joinLink && own.get("participants") instanceof List<?> participants) {
            own.put("participants", withEntryUrls(event.appointmentId(), participants, joinLink));
        }
        data.putAll(own);
        return data;
    }

    private List<Map<String, Object>> withEntryUrls(String appointmentId, List<?> participants, Map<?, ?> joinLink) {
        String patientId = String.valueOf(joinLink.get("patientId"));
        String nonce = String.valueOf(joinLink.get("nonce"));
        List<Map<String, Object>> table = new ArrayList<>();
        for (Object entry : participants) {
            Map<String, Object> participant = new LinkedHashMap<>();
            ((Map<?, ?>) entry).forEach((key, value) -> participant.put(String.valueOf(key), value));
            Participant who = "Patient".equals(participant.get("participantType")) ? Participant.PATIENT : Participant.PROVIDER;
            participant.put("entryUrl", joinLinks.address(appointmentId, patientId, who, nonce));
            table.add(participant);
        }
        return table;
    }
}
