package org.teamstelehealth.reminders;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-memory {@link ReminderPlan}: due times kept to the millisecond and entries in the table's RowKey order (due,
 * appointment, offset, channel), as the table keeps them.
 */
public final class InMemoryReminderPlan implements ReminderPlan {
    private static final Comparator<PlannedReminder> ROW_KEY_ORDER = Comparator.comparing(PlannedReminder::due)
            .thenComparing(PlannedReminder::appointmentId).thenComparing(PlannedReminder::offset)
            .thenComparing(r -> r.channel().id());
    private final ConcurrentHashMap<PlannedReminder, Boolean> entries = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastTick = new AtomicReference<>();

    @Override
    public void put(PlannedReminder r) {
        entries.put(millis(r), true);
    }

    @Override
    public List<PlannedReminder> due(Instant after, Instant upTo) {
        Instant from = after.truncatedTo(ChronoUnit.MILLIS);
        Instant to = upTo.truncatedTo(ChronoUnit.MILLIS);
        return entries.keySet().stream().filter(r -> r.due().isAfter(from) && !r.due().isAfter(to))
                .sorted(ROW_KEY_ORDER).toList();
    }

    @Override
    public void remove(PlannedReminder r) {
        entries.remove(millis(r));
    }

    @Override
    public Optional<Instant> lastTick() {
        return Optional.ofNullable(lastTick.get());
    }

    @Override
    public void recordTick(Instant at) {
        lastTick.set(at);
    }

    /** Every entry, for tests. */
    public List<PlannedReminder> all() {
        return entries.keySet().stream().sorted(ROW_KEY_ORDER).toList();
    }

    private static PlannedReminder millis(PlannedReminder r) {
        return new PlannedReminder(r.appointmentId(), r.offset(), r.channel(), r.due().truncatedTo(ChronoUnit.MILLIS),
                r.start());
    }
}
