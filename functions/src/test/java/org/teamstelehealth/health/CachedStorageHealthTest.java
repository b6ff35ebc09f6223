package org.teamstelehealth.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.testing.MutableClock;

class CachedStorageHealthTest {
    private final AtomicInteger probes = new AtomicInteger();
    private final StorageHealth counting = () -> {
        probes.incrementAndGet();
        return new StorageHealth.Status(true, probes.get() == 1);
    };
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final StorageHealth cached = new CachedStorageHealth(counting, clock);

    @Test
    void twoCallsWithinTheWindowProbeStorageOnce() {
        StorageHealth.Status first = cached.check();
        clock.advance(CachedStorageHealth.FOR.minusMillis(1));
        StorageHealth.Status second = cached.check();

        assertEquals(1, probes.get());
        assertEquals(first, second);
    }

    @Test
    void aCallAfterTheWindowProbesAgainAndSeesTheNewState() {
        cached.check();
        clock.advance(CachedStorageHealth.FOR);

        StorageHealth.Status later = cached.check();

        assertEquals(2, probes.get());
        assertEquals(new StorageHealth.Status(true, false), later);
    }
}
