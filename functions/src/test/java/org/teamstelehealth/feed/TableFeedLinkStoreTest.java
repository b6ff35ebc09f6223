package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The feed links table in Azurite. */
class TableFeedLinkStoreTest extends FeedLinkStoreContract {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());

    @Override
    protected FeedLinkStore newStore() {
        return new TableFeedLinkStore(() -> STORAGE.table(TableFeedLinkStore.TABLE));
    }

    @Test
    void aLinkIssuedUnderTheOldUrlEncodedKeysIsStillFoundListedAndRevocable() {
        String providerId = "dr jane+smith@clinic " + UUID.randomUUID();
        String linkId = UUID.randomUUID().toString();
        Instant created = Instant.parse("2026-01-05T09:00:00Z");
        TableClient table = STORAGE.table(TableFeedLinkStore.TABLE);
        // As the app wrote it before the keys were escaped with TableKeys.
        table.createEntity(new TableEntity(TableFeedLinkStore.legacyKey(providerId), TableFeedLinkStore.legacyKey(linkId))
                .addProperty("ProviderId", providerId)
                .addProperty("LinkId", linkId)
                .addProperty("TokenHash", "hash-old")
                .addProperty("CreatedAt", created.atOffset(ZoneOffset.UTC))
                .addProperty("ExpiresAt", created.plusSeconds(86_400 * 365).atOffset(ZoneOffset.UTC)));
        FeedLinkStore store = newStore();

        FeedLink old = store.find(providerId, linkId).orElseThrow();
        assertEquals("hash-old", old.tokenHash());
        List<FeedLink> listed = store.forProvider(providerId);
        assertEquals(List.of(linkId), listed.stream().map(FeedLink::id).toList());

        store.update(old.revoked(created.plusSeconds(60)));
        assertNotNull(store.find(providerId, linkId).orElseThrow().revokedAt());
        assertEquals(1, store.forProvider(providerId).size(), "revoking must not copy the row under the new keys");
        assertTrue(store.forProvider(providerId).get(0).revokedAt() != null);
    }
}
