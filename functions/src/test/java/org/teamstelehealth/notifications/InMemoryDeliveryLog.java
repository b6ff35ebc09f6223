package org.teamstelehealth.notifications;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DeliveryLog} in memory: first insert per key wins, listed in the table's order. */
public final class InMemoryDeliveryLog implements DeliveryLog {
    final Map<String, Delivery> rows = new ConcurrentHashMap<>();
    private int etags;

    @Override
    public Optional<Delivery> find(String appointmentId, String key) {
        return Optional.ofNullable(rows.get(id(appointmentId, key)));
    }

    @Override
    public synchronized Optional<Delivery> insert(Delivery delivery) {
        String id = id(delivery.appointmentId(), delivery.key());
        if (rows.containsKey(id)) {
            return Optional.empty();
        }
        Delivery stored = delivery.withEtag("e" + ++etags);
        rows.put(id, stored);
        return Optional.of(stored);
    }

    @Override
    public synchronized Delivery update(Delivery delivery) {
        Delivery stored = delivery.withEtag("e" + ++etags);
        rows.put(id(delivery.appointmentId(), delivery.key()), stored);
        return stored;
    }

    @Override
    public Optional<Delivery> findByOperationId(String operationId) {
        return rows.values().stream().filter(d -> operationId.equals(d.operationId())).findFirst();
    }

    @Override
    public List<Delivery> forAppointment(String appointmentId) {
        return rows.values().stream()
                .filter(d -> d.appointmentId().equals(appointmentId))
                .sorted(Comparator.comparing(Delivery::firstAttemptAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Delivery::key))
                .toList();
    }

    @Override
    public synchronized int purge(String appointmentId) {
        List<String> ids = rows.values().stream().filter(d -> d.appointmentId().equals(appointmentId))
                .map(d -> id(d.appointmentId(), d.key())).toList();
        ids.forEach(rows::remove);
        return ids.size();
    }

    private static String id(String appointmentId, String key) {
        return appointmentId + "\u0000" + key;
    }
}
