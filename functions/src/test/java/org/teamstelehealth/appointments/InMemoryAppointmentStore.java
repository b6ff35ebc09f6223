package org.teamstelehealth.appointments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AppointmentStore} in memory with the table adapter's rules (ETag-fenced saves, a half-open
 * provider window without ETags), counting reads so tests can see how often the store was asked.
 */
public final class InMemoryAppointmentStore implements AppointmentStore {
    private final Map<String, Appointment> rows = new ConcurrentHashMap<>();
    private final AtomicLong etags = new AtomicLong();
    private final Map<String, Long> scheduleChanges = new ConcurrentHashMap<>();
    public final AtomicInteger finds = new AtomicInteger();
    public final AtomicInteger providerReads = new AtomicInteger();
    /** Fails the next {@link #save} with this, once (a crash between Graph's answer and the write). */
    public RuntimeException failNextSave;
    public int saves;

    /** Seeds the store with {@code appointment} as it is, whatever was there and whatever its ETag. */
    public InMemoryAppointmentStore put(Appointment appointment) {
        touched(rows.put(appointment.id(), appointment));
        touched(appointment);
        return this;
    }

    @Override
    public Optional<Appointment> find(String appointmentId) {
        finds.incrementAndGet();
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
        touched(current);
        touched(saved);
        saves++;
        return saved;
    }

    @Override
    public List<Appointment> forProvider(String providerId, Instant from, Instant to) {
        providerReads.incrementAndGet();
        return rows.values().stream()
                .filter(a -> a.snapshot() != null && a.snapshot().provider() != null && a.snapshot().start() != null)
                .filter(a -> providerId.equals(a.snapshot().provider().id()))
                .filter(a -> !a.snapshot().startInstant().isBefore(from) && a.snapshot().startInstant().isBefore(to))
                .sorted(Comparator.comparing((Appointment a) -> a.snapshot().startInstant()).thenComparing(Appointment::id))
                .map(a -> a.withEtag(null).withoutPendingIntents().withoutPendingEvents().withMeeting(a.meeting() == null ? null
                        : new Meeting(a.meeting().meetingId(), a.meeting().organizerId(), null, a.meeting().start(),
                                a.meeting().end(), a.meeting().coOrganizerId())))
                .toList();
    }

    @Override
    public List<Retained> retainedBefore(LocalDate day) {
        return rows.values().stream()
                .map(a -> new Retained(a.id(), LocalDate.ofInstant(a.retainedFrom(), ZoneOffset.UTC)))
                .filter(r -> r.day().isBefore(day))
                .toList();
    }

    @Override
    public void purge(Retained entry) {
        touched(rows.remove(entry.appointmentId()));
    }

    /** Newest start first, then by id and category; the token is the position after the page's last item. */
    @Override
    public Attention.Page needingAttention(Set<Attention> categories, Instant from, Instant to, int limit, String after) {
        List<Attention.Item> all = rows.values().stream()
                .flatMap(a -> Attention.itemsOf(a).stream())
                .filter(item -> categories.contains(item.category()))
                .filter(item -> !item.start().isBefore(from) && item.start().isBefore(to))
                .sorted(Comparator.comparing(Attention.Item::start).reversed()
                        .thenComparing(Attention.Item::appointmentId).thenComparing(Attention.Item::category))
                .toList();
        int skip = 0;
        if (after != null) {
            try {
                skip = Integer.parseInt(after.substring("after-".length()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a continuation token of this list");
            }
        }
        List<Attention.Item> page = all.subList(Math.min(skip, all.size()), Math.min(skip + limit, all.size()));
        return new Attention.Page(page, skip + limit < all.size() ? "after-" + (skip + limit) : null);
    }

    @Override
    public String scheduleChange(String providerId) {
        return Long.toString(scheduleChanges.getOrDefault(providerId, 0L));
    }

    private void touched(Appointment appointment) {
        if (appointment != null && appointment.snapshot() != null && appointment.snapshot().provider() != null) {
            scheduleChanges.merge(appointment.snapshot().provider().id(), 1L, Long::sum);
        }
    }
}
