package org.teamstelehealth.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One event the service tells the PMS (contract/events/), put on the {@value #QUEUE} queue once it is recorded on the
 * appointment's row with the change it reports (the outbox), and POSTed by the events sender until the PMS takes it.
 *
 * @param id the Standard Webhooks {@code webhook-id}: the same on every retry, unique per event
 * @param type e.g. {@code telehealth.ready}
 * @param appointmentId the PMS's appointment id
 * @param snapshotVersion the snapshot version the event reflects
 * @param sequence rises by one with each event of the appointment, so the PMS can discard stale ones
 * @param occurredAt when the change happened
 * @param data the event's own members (no patient contact details), in order; a member may be {@code null}, and is
 *     kept through the row and the queue (platform.Json drops nulls elsewhere): the schemas require it
 */
public record PmsEvent(String id, String type, String appointmentId, long snapshotVersion, long sequence,
        Instant occurredAt, @JsonInclude(content = JsonInclude.Include.ALWAYS) Map<String, Object> data) {

    public static final String QUEUE = "pmsevents";

    public PmsEvent {
        // Not Map.copyOf: a member may be null on purpose ("patientWaitMinutes": null when not known).
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    /** The {@code webhook-id} of an appointment's {@code sequence}th event: stable, so a re-recorded event is one event. */
    public static String idFor(String appointmentId, long sequence) {
        return "evt_" + appointmentId + "_" + sequence;
    }
}
