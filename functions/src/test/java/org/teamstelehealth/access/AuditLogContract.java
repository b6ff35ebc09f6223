package org.teamstelehealth.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} does; {@link InMemoryAuditLogTest} and {@link TableAuditLogTest} run it. */
abstract class AuditLogContract {
    private static final Instant DAY_ONE = Instant.parse("2026-11-30T23:59:59.500Z");

    private AuditLog log;

    protected abstract AuditLog newLog();

    @BeforeEach
    void setUp() {
        log = newLog();
    }

    private static AuditEntry entry(Instant at, String action) {
        return new AuditEntry(at, "oid-1", "alex@clinic.example", action, "appointment/47", 200);
    }

    @Test
    void entriesComeBackOldestFirstAcrossDaysWithFromInclusiveAndToExclusive() {
        AuditEntry late = entry(DAY_ONE.plusSeconds(86_400), "c");
        AuditEntry first = entry(DAY_ONE, "a");
        AuditEntry second = entry(DAY_ONE.plusSeconds(1), "b");
        log.record(late);
        log.record(second);
        log.record(first);

        assertEquals(List.of(first, second, late), log.between(DAY_ONE, DAY_ONE.plusSeconds(86_401), 10));
        assertEquals(List.of(first, second), log.between(DAY_ONE, DAY_ONE.plusSeconds(86_400), 10), "to is exclusive");
        assertEquals(List.of(second), log.between(DAY_ONE.plusMillis(1), DAY_ONE.plusSeconds(2), 10));
    }

    @Test
    void twoActionsInTheSameInstantAreBothKeptAndTheLimitHolds() {
        AuditEntry one = entry(DAY_ONE, "template.put");
        AuditEntry two = new AuditEntry(DAY_ONE, "oid-2", "app:2222", "webhook-secret.rotate", "secret/webhook-secret", 403);
        log.record(one);
        log.record(two);

        List<AuditEntry> both = log.between(DAY_ONE, DAY_ONE.plusSeconds(1), 10);
        assertEquals(2, both.size());
        assertEquals(java.util.Set.of(one, two), java.util.Set.copyOf(both));
        assertEquals(1, log.between(DAY_ONE, DAY_ONE.plusSeconds(1), 1).size());
        assertEquals(List.of(), log.between(DAY_ONE.plusSeconds(1), DAY_ONE.plusSeconds(5), 10));
    }
}
