package org.teamstelehealth.events;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link EventDeliveryLog} fake. */
final class InMemoryEventDeliveryLog implements EventDeliveryLog {
    private final Map<String, EventDelivery> rows = new ConcurrentHashMap<>();

    @Override
    public Optional<EventDelivery> find(String appointmentId, String eventId) {
        return Optional.ofNullable(rows.get(appointmentId + "\n" + eventId));
    }

    @Override
    public void save(EventDelivery delivery) {
        rows.put(delivery.appointmentId() + "\n" + delivery.eventId(), delivery);
    }

    @Override
    public List<EventDelivery> forAppointment(String appointmentId) {
        return rows.values().stream().filter(d -> d.appointmentId().equals(appointmentId))
                .sorted(Comparator.comparingLong(EventDelivery::sequence)).toList();
    }

    @Override
    public int purge(String appointmentId) {
        List<String> keys = rows.keySet().stream().filter(k -> k.startsWith(appointmentId + "\n")).toList();
        keys.forEach(rows::remove);
        return keys.size();
    }
}
