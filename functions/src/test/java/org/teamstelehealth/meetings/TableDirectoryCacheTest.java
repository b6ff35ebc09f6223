package org.teamstelehealth.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The organiser cache against Azurite. */
class TableDirectoryCacheTest {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());

    @Test
    void remembersAnObjectIdPerUpnIgnoringCase() {
        TableDirectoryCache cache = new TableDirectoryCache(() -> STORAGE.table(TableDirectoryCache.TABLE));
        String upn = "Dr.Who-" + UUID.randomUUID() + "@Clinic.onmicrosoft.com";

        assertTrue(cache.objectId(upn).isEmpty());
        cache.remember(upn, "3efbdd46-d280-4b0f-a414-1ff1f3dda63a");

        assertEquals(Optional.of("3efbdd46-d280-4b0f-a414-1ff1f3dda63a"), cache.objectId(upn.toLowerCase()));
    }
}
