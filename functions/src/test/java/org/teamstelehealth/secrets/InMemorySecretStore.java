package org.teamstelehealth.secrets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A secret store in memory, keeping every version, with one-shot failures to inject. */
final class InMemorySecretStore implements SecretStore {
    private final Map<String, List<StoredSecret>> versions = new HashMap<>();
    private final Map<String, Boolean> disabled = new HashMap<>();
    private RuntimeException nextSetFailure;
    private RuntimeException nextGetFailure;
    private String failingName;
    int reads;
    private int counter;

    synchronized void failNextSet(RuntimeException failure) {
        nextSetFailure = failure;
    }

    /** The next write of {@code name} fails with {@code failure}. */
    synchronized void failNextSetOf(String name, RuntimeException failure) {
        failingName = name;
        nextSetFailure = failure;
    }

    synchronized void failNextGet(RuntimeException failure) {
        nextGetFailure = failure;
    }

    @Override
    public synchronized Optional<StoredSecret> get(String name) {
        reads++;
        if (nextGetFailure != null) {
            RuntimeException failure = nextGetFailure;
            nextGetFailure = null;
            throw failure;
        }
        List<StoredSecret> list = versions.getOrDefault(name, List.of());
        if (list.isEmpty()) {
            return Optional.empty();
        }
        StoredSecret latest = list.get(list.size() - 1);
        return disabled.containsKey(latest.version()) ? Optional.empty() : Optional.of(latest);
    }

    @Override
    public synchronized StoredSecret set(String name, String value, Instant expiresOn, Map<String, String> tags) {
        if (nextSetFailure != null && (failingName == null || failingName.equals(name))) {
            RuntimeException failure = nextSetFailure;
            nextSetFailure = null;
            failingName = null;
            throw failure;
        }
        StoredSecret secret = new StoredSecret(name, value, "v" + (++counter), Optional.ofNullable(expiresOn),
                new HashMap<>(tags));
        versions.computeIfAbsent(name, n -> new ArrayList<>()).add(secret);
        return secret;
    }

    @Override
    public synchronized void disable(String name, String version) {
        disabled.put(version, true);
    }

    synchronized List<StoredSecret> versions(String name) {
        return List.copyOf(versions.getOrDefault(name, List.of()));
    }
}
