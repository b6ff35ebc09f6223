package org.teamstelehealth.testing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentStore;

/** An in-memory {@link AppointmentStore} that also counts reads, so tests can see how often the store was asked. */
public final class AppointmentStoreFake implements AppointmentStore {
    private final Map<String, Appointment> rows = new ConcurrentHashMap<>();
    public final AtomicInteger finds = new AtomicInteger();
    public final AtomicInteger providerReads = new AtomicInteger();

    public AppointmentStoreFake put(Appointment appointment) {
        rows.put(appointment.id(), appointment);
        return this;
    }

    @Override
    public Optional<Appointment> find(String appointmentId) {
        finds.incrementAndGet();
        return Optional.ofNullable(rows.get(appointmentId));
    }

    @Override
    public Appointment save(Appointment appointment) {
        rows.put(appointment.id(), appointment);
        return appointment;
    }

    @Override
    public List<Appointment> forProvider(String providerId, Instant from, Instant to) {
        providerReads.incrementAndGet();
        return rows.values().stream()
                .filter(a -> a.snapshot().provider() != null && providerId.equals(a.snapshot().provider().id()))
                .filter(a -> !a.snapshot().startInstant().isBefore(from) && a.snapshot().startInstant().isBefore(to))
                .sorted(Comparator.comparing(a -> a.snapshot().startInstant()))
                .toList();
    }
}
