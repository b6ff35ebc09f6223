package org.teamstelehealth.feed;

import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The feed links table in Azurite. */
class TableFeedLinkStoreTest extends FeedLinkStoreContract {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());

    @Override
    protected FeedLinkStore newStore() {
        return new TableFeedLinkStore(() -> STORAGE.table(TableFeedLinkStore.TABLE));
    }
}
