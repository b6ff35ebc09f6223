package org.teamstelehealth.feed;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Feed links in memory, keyed like the table: provider, then link id (in the table's row order). */
final class InMemoryFeedLinkStore implements FeedLinkStore {
    final Map<String, Map<String, FeedLink>> rows = new ConcurrentHashMap<>();

    @Override
    public synchronized void insert(FeedLink link) {
        if (links(link.providerId()).putIfAbsent(link.id(), link) != null) {
            throw new IllegalStateException("Feed link " + link.id() + " exists already");
        }
    }

    @Override
    public synchronized List<FeedLink> forProvider(String providerId) {
        return List.copyOf(links(providerId).values());
    }

    @Override
    public synchronized Optional<FeedLink> find(String providerId, String linkId) {
        return Optional.ofNullable(links(providerId).get(linkId));
    }

    @Override
    public synchronized void update(FeedLink link) {
        if (links(link.providerId()).replace(link.id(), link) == null) {
            throw new IllegalStateException("Feed link " + link.id() + " is not stored");
        }
    }

    private Map<String, FeedLink> links(String providerId) {
        return rows.computeIfAbsent(providerId, p -> new TreeMap<>());
    }
}
