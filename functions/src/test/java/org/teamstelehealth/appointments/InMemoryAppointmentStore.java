package org.teamstelehealth.appointments;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** An {@link AppointmentStore} in memory with the same optimistic-concurrency rules as the table adapter. */
final class InMemoryAppointmentStore implements AppointmentStore {
    private final Map<String, Appointment> rows = new ConcurrentHashMap<>();
    private final AtomicLong etags = new AtomicLong();
    /** Fails the next {@link #save} with this, once (a crash between Graph's answer and the write). */
    RuntimeException failNextSave;
    int saves;

    @Override
    public Optional<Appointment> find(String appointmentId) {
        return Optional.ofNullable(rows.get(appointmentId));
    }

    @Override
    public synchronized Appointment save(Appointment a) throws ConcurrentChangeException {
        if (failNextSave != null) {
            RuntimeException failure = failNextSave;
            failNextSave = null;
            throw failure;
        }
        Appointment current = rows.get(a.id());
        if (a.etag() == null ? current != null : current == null || !a.etag().equals(current.etag())) {
            throw new ConcurrentChangeException(a.id(), null);
        }
        Appointment saved = a.withEtag("etag-" + etags.incrementAndGet());
        rows.put(a.id(), saved);
        saves++;
        return saved;
    }

    @Override
    public List<Appointment> forProvider(String providerId, Instant from, Instant to) {
        return rows.values().stream()
                .filter(a -> a.snapshot().provider() != null && a.snapshot().provider().id().equals(providerId))
                .filter(a -> !a.snapshot().startInstant().isBefore(from) && a.snapshot().startInstant().isBefore(to))
                .sorted(Comparator.comparing(a -> a.snapshot().startInstant()))
                .toList();
    }
}
