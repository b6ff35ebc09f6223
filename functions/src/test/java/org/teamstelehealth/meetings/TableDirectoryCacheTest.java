package org.teamstelehealth.meetings;

import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The organiser cache against Azurite. */
class TableDirectoryCacheTest extends DirectoryCacheContract {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());

    @Override
    protected DirectoryCache newCache() {
        return new TableDirectoryCache(() -> STORAGE.table(TableDirectoryCache.TABLE));
    }
}
