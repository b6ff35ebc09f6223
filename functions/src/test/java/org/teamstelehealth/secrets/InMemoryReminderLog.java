package org.teamstelehealth.secrets;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ReminderLog} in memory: the reminders sent, by secret and {@link ReminderLog#reminderId}. */
final class InMemoryReminderLog implements ReminderLog {
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    @Override
    public boolean sent(String secretName, Instant expiry, String threshold) {
        return sent.contains(secretName + "/" + ReminderLog.reminderId(expiry, threshold));
    }

    @Override
    public void recordSent(String secretName, Instant expiry, String threshold, Instant sentAt, int recipients) {
        sent.add(secretName + "/" + ReminderLog.reminderId(expiry, threshold));
    }
}
