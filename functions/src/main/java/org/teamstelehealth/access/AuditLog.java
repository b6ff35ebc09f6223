package org.teamstelehealth.access;

import java.time.Instant;
import java.util.List;

/** Port: the admin actions taken, oldest first. */
public interface AuditLog {

    void record(AuditEntry entry);

    /** Entries with {@code from <= at < to}, oldest first, at most {@code limit} of them. */
    List<AuditEntry> between(Instant from, Instant to, int limit);
}
