package org.teamstelehealth.reminders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the reminders waiting to go, kept by due time so the timer finds the due ones with a range read of the UTC
 * day they fall on, not a scan of every appointment.
 */
public interface ReminderPlan {

    /** Adds the entry, or leaves it as it is when the same one (appointment, offset, channel, due) is there. */
    void put(PlannedReminder reminder);

    /** {@link #put} of each; an adapter may take fewer round trips for them. */
    default void putAll(List<PlannedReminder> reminders) {
        reminders.forEach(this::put);
    }

    /** The entries due in {@code (after, upTo]}, by due time. */
    List<PlannedReminder> due(Instant after, Instant upTo);

    /** Removes the entry; one already gone is no error. */
    void remove(PlannedReminder reminder);

    /** When the timer last finished a run ({@link #recordTick}), if it ever did. */
    Optional<Instant> lastTick();

    void recordTick(Instant at);
}
