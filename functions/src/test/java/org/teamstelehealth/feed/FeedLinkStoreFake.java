package org.teamstelehealth.feed;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Feed links in memory, keyed like the table: provider, then link id. */
final class FeedLinkStoreFake implements FeedLinkStore {
    final Map<String, Map<String, FeedLink>> rows = new ConcurrentHashMap<>();

    @Override
    public void insert(FeedLink link) {
        if (rows.computeIfAbsent(link.providerId(), p -> new ConcurrentHashMap<>()).putIfAbsent(link.id(), link) != null) {
            throw new IllegalStateException("duplicate link id");
        }
    }

    @Override
    public List<FeedLink> forProvider(String providerId) {
        return List.copyOf(rows.getOrDefault(providerId, Map.of()).values());
    }

    @Override
    public Optional<FeedLink> find(String providerId, String linkId) {
        return Optional.ofNullable(rows.getOrDefault(providerId, Map.of()).get(linkId));
    }

    @Override
    public void update(FeedLink link) {
        rows.get(link.providerId()).put(link.id(), link);
    }
}
