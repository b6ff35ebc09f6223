package org.teamstelehealth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.data.tables.models.TableEntity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.Azurite;

class StorageClientsTest {

    @Test
    void createsTablesAndQueuesOnFirstUseAgainstAzurite() {
        StorageClients storage = new StorageClients(Settings.load(Map.of(
                "AzureWebJobsStorage", Azurite.shared().connectionString(),
                "WEBHOOK_SECRETS", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).storage());

        storage.table("smoke").upsertEntity(new TableEntity("p", "r").addProperty("n", 1));
        storage.queue("smoke").sendMessage("hello");

        assertEquals(1, storage.table("smoke").getEntity("p", "r").getProperty("n"));
        assertEquals("hello", storage.queue("smoke").receiveMessage().getBody().toString());
    }
}
