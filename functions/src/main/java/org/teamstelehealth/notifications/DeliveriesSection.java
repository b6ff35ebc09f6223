package org.teamstelehealth.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.StatusSection;

/**
 * The {@code deliveries} section of an appointment's admin status: each SMS and email the patient was
 * (or was not) sent, with why a failed one failed and how many SMS segments it cost.
 */
public final class DeliveriesSection implements StatusSection {
    private final DeliveryLog log;

    public DeliveriesSection(DeliveryLog log) {
        this.log = log;
    }

    @Override
    public String name() {
        return "deliveries";
    }

    @Override
    public Object describe(Appointment appointment) {
        List<Delivery> deliveries = log.forAppointment(appointment.id());
        return deliveries.stream().map(DeliveriesSection::describe).toList();
    }

    private static Map<String, Object> describe(Delivery delivery) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("channel", delivery.channel().id());
        row.put("kind", delivery.kind().name().toLowerCase());
        row.put("sequence", delivery.sequence());
        row.put("status", delivery.status().name().toLowerCase());
        row.put("attempts", delivery.attempts());
        row.put("recipient", delivery.recipientHint());
        if (delivery.channel() == Delivery.Channel.SMS && delivery.segments() > 0) {
            row.put("segments", delivery.segments());
            row.put("encoding", delivery.encoding());
        }
        row.put("reason", delivery.reason());
        row.put("updated_at", delivery.updatedAt() == null ? null : delivery.updatedAt().toString());
        return row;
    }
}
