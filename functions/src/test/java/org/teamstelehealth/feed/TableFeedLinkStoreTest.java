package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

class TableFeedLinkStoreTest {
    final StorageClients storage = new StorageClients(TestSettings.settings().storage());
    final TableFeedLinkStore store = new TableFeedLinkStore(() -> storage.table(TableFeedLinkStore.TABLE));

    @Test
    void keepsLinksPerProviderAndRecordsRevocationAgainstAzurite() {
        String provider = "prov/" + UUID.randomUUID(); // a slash is not allowed in a table key as is
        FeedLink link = new FeedLink(provider, UUID.randomUUID().toString(), "hash-1", "Dr X appointments",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2030-12-31T00:00:00Z"), null);
        FeedLink other = new FeedLink(provider + "-other", UUID.randomUUID().toString(), "hash-2", null,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2030-12-31T00:00:00Z"), null);

        store.insert(link);
        store.insert(other);
        store.update(link.revoked(Instant.parse("2026-02-01T00:00:00Z")));

        assertEquals(1, store.forProvider(provider).size());
        FeedLink read = store.forProvider(provider).get(0);
        assertEquals(link.revoked(Instant.parse("2026-02-01T00:00:00Z")), read);
        assertEquals(read, store.find(provider, link.id()).orElseThrow());
        assertTrue(store.find(provider, "missing").isEmpty());
    }
}
