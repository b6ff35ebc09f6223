package org.teamstelehealth.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The {@link AuditLog} fake: entries in a list. */
public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void record(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> between(Instant from, Instant to, int limit) {
        return entries.stream().filter(e -> !e.at().isBefore(from) && e.at().isBefore(to))
                .sorted(Comparator.comparing(AuditEntry::at)).limit(limit).toList();
    }

    /** Everything recorded, in order. */
    public synchronized List<AuditEntry> entries() {
        return List.copyOf(entries);
    }
}
