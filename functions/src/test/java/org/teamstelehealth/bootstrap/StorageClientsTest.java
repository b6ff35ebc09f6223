package org.teamstelehealth.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.data.tables.models.TableEntity;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.testing.TestSettings;

class StorageClientsTest {

    @Test
    void createsTablesAndQueuesOnFirstUseAgainstAzurite() {
        StorageClients storage = new StorageClients(TestSettings.settings().storage());

        storage.table("smoke").upsertEntity(new TableEntity("p", "r").addProperty("n", 1));
        storage.queue("smoke").sendMessage("hello");

        assertEquals(1, storage.table("smoke").getEntity("p", "r").getProperty("n"));
        assertEquals("hello", storage.queue("smoke").receiveMessage().getBody().toString());
    }
}
