package org.teamstelehealth.reminders;

import java.time.Instant;

/**
 * One reminder waiting in the plan: an entry of the index the timer reads by due time.
 *
 * @param offset the {@link ReminderOffset#label() offset's label}, e.g. {@code 24h}
 * @param due when it goes: the start less the offset, earlier for an SMS whose time fell in quiet hours
 * @param start the appointment's start it was planned for: an entry whose start is no longer the appointment's is
 *     dropped when it falls due (the move planned another)
 */
public record PlannedReminder(String appointmentId, String offset, ReminderChannel channel, Instant due, Instant start) {
}
