package org.teamstelehealth.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RotationLog} does; {@link InMemoryRotationLogTest} and {@link TableRotationLogTest} run it. */
abstract class RotationLogContract {
    private static final String NAME = "graph-client-secret";
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

    private RotationLog log;

    /** A log with nothing in it. */
    protected abstract RotationLog newLog();

    @BeforeEach
    void setUp() {
        log = newLog();
    }

    @Test
    void theFirstClaimMakesItsRotationActiveAndAnotherIsTurnedAwayWhileTheLeaseLasts() {
        assertEquals("r1", log.claim(NAME, "r1", NOW, NOW.plusSeconds(60)));

        RotationInProgressException busy = assertThrows(RotationInProgressException.class,
                () -> log.claim(NAME, "r2", NOW.plusSeconds(30), NOW.plusSeconds(90)));
        assertEquals("r1", busy.rotationId());
        assertEquals(NOW.plusSeconds(60), busy.leaseUntil());
        assertEquals("r9", log.claim("other-secret", "r9", NOW, NOW.plusSeconds(60)), "one active rotation per secret");
    }

    @Test
    void anExpiredOrEndedLeaseIsTakenOverAndTheActiveRotationResumes() {
        log.claim(NAME, "r1", NOW, NOW.plusSeconds(60));
        assertEquals("r1", log.claim(NAME, "r2", NOW.plusSeconds(60), NOW.plusSeconds(120)), "the lease expired");

        log.endLease(NAME, "not-active");
        assertThrows(RotationInProgressException.class, () -> log.claim(NAME, "r3", NOW.plusSeconds(90), NOW));
        log.endLease(NAME, "r1");
        assertEquals("r1", log.claim(NAME, "r3", NOW.plusSeconds(90), NOW.plusSeconds(150)));
    }

    @Test
    void releaseEndsOnlyTheActiveRotation() {
        log.claim(NAME, "r1", NOW, NOW.plusSeconds(60));
        log.endLease(NAME, "r1");

        log.release(NAME, "not-active");
        assertEquals("r1", log.claim(NAME, "r2", NOW, NOW.plusSeconds(60)));
        log.release(NAME, "r1");
        assertEquals("r3", log.claim(NAME, "r3", NOW, NOW.plusSeconds(60)));
        log.release("never-claimed", "r1");
    }

    @Test
    void savedRotationsAreFoundWithEveryFieldAndASaveReplacesTheLast() {
        Rotation started = new Rotation("20261129T090000Z-a1b2c3", Rotation.State.STARTED, "telehealth-20261129",
                NOW, NOW.plusSeconds(86_400), "obj-1", UUID.randomUUID(), null, null, null);
        log.save(NAME, started);
        assertEquals(Optional.of(started), log.find(NAME, started.id()));

        Rotation awaiting = started.stored(UUID.randomUUID(), "v2").removingOldAfter(NOW.plusSeconds(3600));
        log.save(NAME, awaiting);

        assertEquals(Optional.of(awaiting), log.find(NAME, started.id()));
        assertTrue(log.find(NAME, "missing").isEmpty());
        assertTrue(log.find("other-secret", started.id()).isEmpty());
    }

    @Test
    void awaitingRemovalListsOnlyThatSecretsRotationsInThatState() {
        Rotation done = rotation("20261101T090000Z-000001", Rotation.State.COMPLETED);
        Rotation first = rotation("20261102T090000Z-000002", Rotation.State.AWAITING_REMOVAL);
        Rotation second = rotation("20261103T090000Z-000003", Rotation.State.AWAITING_REMOVAL);
        log.save(NAME, second);
        log.save(NAME, done);
        log.save(NAME, first);
        log.save("other-secret", rotation("20261104T090000Z-000004", Rotation.State.AWAITING_REMOVAL));
        log.claim(NAME, first.id(), NOW, NOW.plusSeconds(60));

        assertEquals(List.of(first, second), log.awaitingRemoval(NAME));
        assertEquals(List.of(), log.awaitingRemoval("unknown-secret"));
    }

    private static Rotation rotation(String id, Rotation.State state) {
        return new Rotation(id, state, "telehealth-" + id, NOW, NOW.plusSeconds(86_400), "obj-1", null, null, "v1",
                state == Rotation.State.AWAITING_REMOVAL ? NOW.plusSeconds(3600) : null);
    }
}
