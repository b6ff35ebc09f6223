package org.teamstelehealth.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.StatusSection;

/**
 * {@code events} on the admin status: whether events go to the PMS at all, and each of the appointment's events with
 * how far it got (delivered, retrying and when next, refused with 410, finally failed).
 */
public final class EventsSection implements StatusSection {
    private final EventDeliveryLog log;
    private final EventSettings settings;

    public EventsSection(EventDeliveryLog log, EventSettings settings) {
        this.log = log;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public Object describe(Appointment appointment) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("sending", settings.sending() ? "on"
                : "off: PMS_EVENTS_URL is not set, so events are recorded but not sent");
        List<Map<String, Object>> deliveries = log.forAppointment(appointment.id()).stream().map(EventsSection::row).toList();
        section.put("deliveries", deliveries);
        return section;
    }

    private static Map<String, Object> row(EventDelivery d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", d.eventId());
        row.put("type", d.type());
        row.put("sequence", d.sequence());
        row.put("status", d.status().name().toLowerCase());
        row.put("attempts", d.attempts());
        row.put("last_result", d.lastResult());
        row.put("first_attempt_at", d.firstAttemptAt() == null ? null : d.firstAttemptAt().toString());
        row.put("updated_at", d.updatedAt() == null ? null : d.updatedAt().toString());
        row.put("next_attempt_at", d.nextAttemptAt() == null ? null : d.nextAttemptAt().toString());
        return row;
    }
}
