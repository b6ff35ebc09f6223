package org.teamstelehealth.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ReminderPlan} does; {@link InMemoryReminderPlanTest} and {@link TableReminderPlanTest} run it. */
abstract class ReminderPlanContract {
    private static final Instant START = Instant.parse("2027-03-05T05:30:00Z");

    private ReminderPlan plan;

    /** A plan with nothing in it. */
    protected abstract ReminderPlan newPlan();

    @BeforeEach
    void setUp() {
        plan = newPlan();
    }

    @Test
    void dueEntriesAreThoseInTheHalfOpenWindowInDueOrder() {
        PlannedReminder day = reminder("47", "24h", ReminderChannel.EMAIL, START.minus(Duration.ofHours(24)));
        PlannedReminder quarter = reminder("47", "15m", ReminderChannel.SMS, START.minus(Duration.ofMinutes(15)));
        PlannedReminder other = reminder("48/b#?", "15m", ReminderChannel.SMS, START.minus(Duration.ofMinutes(15)));
        plan.put(quarter);
        plan.put(day);
        plan.put(other);

        Instant dueAt = quarter.due();
        assertEquals(List.of(), plan.due(dueAt, dueAt.plusSeconds(3600)), "the window's start is excluded");
        assertEquals(List.of(quarter, other).size(), plan.due(dueAt.minusMillis(1), dueAt).size(), "its end included");
        assertEquals(List.of(day), plan.due(day.due().minusSeconds(60), day.due().plusSeconds(60)));
        assertEquals(List.of(day.due(), quarter.due(), other.due()),
                plan.due(day.due().minusSeconds(1), START).stream().map(PlannedReminder::due).toList(),
                "across two UTC days, by due time");
        assertEquals(List.of("47", "48/b#?"), plan.due(dueAt.minusMillis(1), dueAt).stream()
                .map(PlannedReminder::appointmentId).toList(),
                "at the same due time by appointment; ids with characters table keys may not hold come back as they were");
    }

    @Test
    void putTwiceKeepsOneAndRemoveTakesItAway() {
        PlannedReminder quarter = reminder("47", "15m", ReminderChannel.SMS, START.minus(Duration.ofMinutes(15)));
        plan.put(quarter);
        plan.put(quarter);
        assertEquals(List.of(quarter), plan.due(quarter.due().minusSeconds(1), quarter.due()));

        plan.remove(quarter);
        plan.remove(quarter);
        assertEquals(List.of(), plan.due(quarter.due().minusSeconds(1), quarter.due()));
    }

    @Test
    void putAllAcrossTwoDaysAddsEachOnceAsPutWould() {
        PlannedReminder day = reminder("47", "24h", ReminderChannel.EMAIL, START.minus(Duration.ofHours(24)));
        PlannedReminder daySms = reminder("47", "24h", ReminderChannel.SMS, START.minus(Duration.ofHours(24)));
        PlannedReminder quarter = reminder("47", "15m", ReminderChannel.SMS, START.minus(Duration.ofMinutes(15)));
        plan.put(quarter);

        plan.putAll(List.of(day, daySms, quarter));
        plan.putAll(List.of(day, daySms, quarter));

        assertEquals(3, plan.due(day.due().minusSeconds(1), START).size(), "one entry each, on both days");
        assertEquals(List.of(quarter), plan.due(quarter.due().minusSeconds(1), quarter.due()));
    }

    @Test
    void theSameOffsetAtAnotherDueTimeIsAnotherEntry() {
        PlannedReminder before = reminder("47", "15m", ReminderChannel.SMS, START.minus(Duration.ofMinutes(15)));
        PlannedReminder moved = new PlannedReminder("47", "15m", ReminderChannel.SMS, before.due().plusSeconds(3600),
                START.plusSeconds(3600));
        plan.put(before);
        plan.put(moved);

        assertEquals(List.of(before, moved), plan.due(before.due().minusSeconds(1), moved.due()));
    }

    @Test
    void theLastTickIsWhatWasRecordedLast() {
        assertEquals(Optional.empty(), plan.lastTick());
        plan.recordTick(START);
        plan.recordTick(START.plusSeconds(60));
        assertEquals(Optional.of(START.plusSeconds(60)), plan.lastTick());
    }

    private static PlannedReminder reminder(String id, String offset, ReminderChannel channel, Instant due) {
        return new PlannedReminder(id, offset, channel, due, START);
    }
}
