package org.teamstelehealth.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Secrets read once and kept for {@code ttl}, so a request does not wait on Key Vault. A value is
 * read again when it has been kept that long, or at once through {@link #refresh} (Entra rejected
 * the client secret, someone rotated it). When the store cannot be read, the value already held is
 * used and the failure logged; only a secret never read fails the caller.
 */
public final class CachedSecrets {
    private static final Logger LOG = Logger.getLogger(CachedSecrets.class.getName());
    /** On-demand refreshes closer together than this reuse the last read: a flood of bad requests must not flood the vault. */
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(10);

    private final SecretStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Optional<StoredSecret> secret, Instant readAt) {}

    public CachedSecrets(SecretStore store, Clock clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The secret's current version, read from the store when not held or held longer than the TTL. */
    public Optional<StoredSecret> get(String name) {
        Instant now = clock.instant();
        Entry entry = entries.get(name);
        if (entry != null && now.isBefore(entry.readAt().plus(ttl))) {
            return entry.secret();
        }
        return read(name, now, entry);
    }

    /** Reads the secret again now (unless it was read moments ago) and returns what the store holds. */
    public Optional<StoredSecret> refresh(String name) {
        Instant now = clock.instant();
        Entry entry = entries.get(name);
        if (entry != null && now.isBefore(entry.readAt().plus(MIN_REFRESH_INTERVAL))) {
            return entry.secret();
        }
        return read(name, now, entry);
    }

    /** Holds a value this process has just stored, so it is used at once without reading it back. */
    public void remember(StoredSecret secret) {
        entries.put(secret.name(), new Entry(Optional.of(secret), clock.instant()));
    }

    /** Drops what is held for the secret, so the next {@link #get} reads the store. */
    public void forget(String name) {
        entries.remove(name);
    }

    private Optional<StoredSecret> read(String name, Instant now, Entry held) {
        try {
            Optional<StoredSecret> secret = store.get(name);
            entries.put(name, new Entry(secret, now));
            return secret;
        } catch (SecretStoreException e) {
            if (held == null) {
                throw e;
            }
            LOG.log(Level.WARNING, "Keeping the cached version of secret " + name
                    + " because the store could not be read", e);
            // Try the store again shortly, not on every request while it is down.
            entries.put(name, new Entry(held.secret(), now.minus(ttl).plus(MIN_REFRESH_INTERVAL)));
            return held.secret();
        }
    }
}
