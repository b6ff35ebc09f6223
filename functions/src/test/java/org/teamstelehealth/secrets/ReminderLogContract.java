package org.teamstelehealth.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ReminderLog} does; {@link InMemoryReminderLogTest} and {@link TableReminderLogTest} run it. */
abstract class ReminderLogContract {
    private static final String NAME = "graph-client-secret";
    private static final Instant EXPIRY = Instant.parse("2027-03-01T12:00:00Z");

    private ReminderLog log;

    /** A log with nothing in it. */
    protected abstract ReminderLog newLog();

    @BeforeEach
    void setUp() {
        log = newLog();
    }

    @Test
    void aReminderIsSentOnceItIsRecordedAndOnlyThatOne() {
        assertFalse(log.sent(NAME, EXPIRY, "before-7d"));

        log.recordSent(NAME, EXPIRY, "before-7d", EXPIRY.minusSeconds(86_400 * 7), 2);
        log.recordSent(NAME, EXPIRY, "before-7d", EXPIRY.minusSeconds(86_400 * 6), 2);

        assertTrue(log.sent(NAME, EXPIRY, "before-7d"));
        assertFalse(log.sent(NAME, EXPIRY, "before-3d"), "another threshold");
        assertFalse(log.sent(NAME, EXPIRY.plusSeconds(86_400 * 90), "before-7d"), "the next secret's expiry");
        assertFalse(log.sent("webhook-secret", EXPIRY, "before-7d"), "another secret");
    }
}
