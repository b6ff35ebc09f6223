package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FeedLinkStore} does; {@link InMemoryFeedLinkStoreTest} and {@link TableFeedLinkStoreTest} run it. */
abstract class FeedLinkStoreContract {
    private FeedLinkStore store;
    /** Each test its own provider (a slash is not allowed in a table key as is), so tests may share a store. */
    private final String provider = "prov/" + UUID.randomUUID();

    /** A store holding no links of the providers the tests make up. */
    protected abstract FeedLinkStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    private FeedLink link(String providerId, String calendarName) {
        return new FeedLink(providerId, UUID.randomUUID().toString(), "hash-" + UUID.randomUUID(), calendarName,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2030-12-31T00:00:00Z"), null);
    }

    @Test
    void keepsLinksPerProviderAndRecordsRevocation() {
        FeedLink link = link(provider, "Dr X appointments");
        FeedLink other = link(provider + "-other", null);

        store.insert(link);
        store.insert(other);
        store.update(link.revoked(Instant.parse("2026-02-01T00:00:00Z")));

        assertEquals(1, store.forProvider(provider).size());
        FeedLink read = store.forProvider(provider).get(0);
        assertEquals(link.revoked(Instant.parse("2026-02-01T00:00:00Z")), read);
        assertEquals(read, store.find(provider, link.id()).orElseThrow());
        assertEquals(List.of(other), store.forProvider(provider + "-other"));
        assertTrue(store.find(provider, "missing").isEmpty());
        assertTrue(store.find(provider + "-other", link.id()).isEmpty());
        assertTrue(store.forProvider("prov-" + UUID.randomUUID()).isEmpty());
    }

    @Test
    void everyLinkOfAProviderIsListed() {
        List<FeedLink> links = List.of(link(provider, null), link(provider, "a"), link(provider, "b"));
        links.forEach(store::insert);

        Comparator<FeedLink> byId = Comparator.comparing(FeedLink::id);
        assertEquals(links.stream().sorted(byId).toList(), store.forProvider(provider).stream().sorted(byId).toList());
    }

    @Test
    void aSecondInsertOfALinkIdAndAnUpdateOfNoLinkAreRefused() {
        FeedLink link = link(provider, null);
        store.insert(link);

        assertThrows(IllegalStateException.class, () -> store.insert(link.revoked(Instant.parse("2026-02-01T00:00:00Z"))));
        assertThrows(IllegalStateException.class, () -> store.update(link(provider, null)));
        assertEquals(List.of(link), store.forProvider(provider));
    }
}
