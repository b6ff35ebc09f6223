package org.teamstelehealth.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SmsContacts} in memory. */
public final class InMemorySmsContacts implements SmsContacts {
    private final Map<String, Set<String>> appointments = new ConcurrentHashMap<>();
    private final Map<String, OptOut> optOuts = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> marks = new ConcurrentHashMap<>();

    @Override
    public void remember(String phoneKey, String appointmentId) {
        appointments.computeIfAbsent(phoneKey, key -> ConcurrentHashMap.newKeySet()).add(appointmentId);
    }

    @Override
    public void forget(String phoneKey, String appointmentId) {
        appointments.getOrDefault(phoneKey, ConcurrentHashMap.newKeySet()).remove(appointmentId);
    }

    @Override
    public List<String> appointments(String phoneKey) {
        return new ArrayList<>(appointments.getOrDefault(phoneKey, Set.of()));
    }

    @Override
    public Optional<OptOut> optOut(String phoneKey) {
        return Optional.ofNullable(optOuts.get(phoneKey));
    }

    @Override
    public synchronized void setOptOut(String phoneKey, OptOut change) {
        OptOut current = optOuts.get(phoneKey);
        if (current == null || current.at() == null || !current.at().isAfter(change.at())) {
            optOuts.put(phoneKey, change);
        }
    }

    @Override
    public boolean marked(String phoneKey, String marker) {
        return marks.getOrDefault(phoneKey, Set.of()).contains(marker);
    }

    @Override
    public boolean mark(String phoneKey, String marker, Instant at) {
        return marks.computeIfAbsent(phoneKey, key -> ConcurrentHashMap.newKeySet()).add(marker);
    }

    /** Every key stored, to show no plain number is among them. */
    public Set<String> keys() {
        Set<String> all = new java.util.HashSet<>(appointments.keySet());
        all.addAll(optOuts.keySet());
        all.addAll(marks.keySet());
        return all;
    }
}
