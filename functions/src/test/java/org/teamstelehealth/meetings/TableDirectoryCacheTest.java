package org.teamstelehealth.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.data.tables.models.TableEntity;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The directory cache against Azurite. */
class TableDirectoryCacheTest extends DirectoryCacheContract {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());

    @Override
    protected DirectoryCache newCache() {
        return new TableDirectoryCache(() -> STORAGE.table(TableDirectoryCache.TABLE));
    }

    @Test
    void aRowFromBeforeUpnsWereKeptNamesTheUpnItIsKeyedBy() {
        String upn = "old-" + UUID.randomUUID() + "@clinic.onmicrosoft.com";
        STORAGE.table(TableDirectoryCache.TABLE).upsertEntity(new TableEntity(upn, "").addProperty("ObjectId", "oid-1"));

        assertEquals(Optional.of(new DirectoryUser("oid-1", upn)), newCache().user(upn));
    }
}
