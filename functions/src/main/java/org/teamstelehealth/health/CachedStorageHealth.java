package org.teamstelehealth.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Answers {@link #check()} from the last probe for a few seconds, so an anonymous caller polling
 * {@code /api/health} costs the storage account at most one table read and one queue read per window.
 */
public final class CachedStorageHealth implements StorageHealth {
    /**
     * Long enough that a flood of anonymous requests cannot turn into storage transactions (and
     * billing), short enough that a monitor polling every 30-60 s always sees a fresh probe.
     */
    static final Duration FOR = Duration.ofSeconds(5);

    private final StorageHealth probe;
    private final Clock clock;
    private Status last;
    private Instant probedAt;

    public CachedStorageHealth(StorageHealth probe, Clock clock) {
        this.probe = probe;
        this.clock = clock;
    }

    /** Synchronized so that callers arriving during a probe wait for it instead of probing again. */
    @Override
    public synchronized Status check() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(probedAt.plus(FOR))) {
            last = probe.check();
            probedAt = now;
        }
        return last;
    }
}
