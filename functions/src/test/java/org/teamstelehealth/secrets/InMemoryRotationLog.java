package org.teamstelehealth.secrets;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link RotationLog} in memory, fencing claims and leases as the table does. */
final class InMemoryRotationLog implements RotationLog {
    private record Active(String rotationId, Instant leaseUntil) {}

    private final Map<String, Active> active = new HashMap<>();
    /** By secret, then rotation id in order (the table's row order). */
    private final Map<String, TreeMap<String, Rotation>> rotations = new HashMap<>();

    @Override
    public synchronized String claim(String secretName, String rotationId, Instant now, Instant leaseUntil) {
        Active current = active.get(secretName);
        if (current == null) {
            active.put(secretName, new Active(rotationId, leaseUntil));
            return rotationId;
        }
        if (current.leaseUntil() != null && now.isBefore(current.leaseUntil())) {
            throw new RotationInProgressException(current.rotationId(), current.leaseUntil());
        }
        active.put(secretName, new Active(current.rotationId(), leaseUntil));
        return current.rotationId();
    }

    @Override
    public synchronized void endLease(String secretName, String rotationId) {
        if (isActive(secretName, rotationId)) {
            active.put(secretName, new Active(rotationId, null));
        }
    }

    @Override
    public synchronized void release(String secretName, String rotationId) {
        if (isActive(secretName, rotationId)) {
            active.remove(secretName);
        }
    }

    @Override
    public synchronized Optional<Rotation> find(String secretName, String rotationId) {
        return Optional.ofNullable(rotations.getOrDefault(secretName, new TreeMap<>()).get(rotationId));
    }

    @Override
    public synchronized void save(String secretName, Rotation rotation) {
        rotations.computeIfAbsent(secretName, s -> new TreeMap<>()).put(rotation.id(), rotation);
    }

    @Override
    public synchronized List<Rotation> awaitingRemoval(String secretName) {
        return rotations.getOrDefault(secretName, new TreeMap<>()).values().stream()
                .filter(r -> r.state() == Rotation.State.AWAITING_REMOVAL).toList();
    }

    private boolean isActive(String secretName, String rotationId) {
        Active current = active.get(secretName);
        return current != null && current.rotationId().equals(rotationId);
    }
}
