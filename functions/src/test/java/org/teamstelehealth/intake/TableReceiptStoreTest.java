package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

class TableReceiptStoreTest {
    private static final Instant RECEIVED = Instant.parse("2027-03-01T00:00:00Z");

    private final StorageClients storage = new StorageClients(TestSettings.settings().storage());
    private final String tableName = "receipts" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final TableReceiptStore store = new TableReceiptStore(() -> storage.table(tableName), Duration.ofSeconds(10));

    @Test
    void recordsAPendingReceiptOnceAndRefusesASecondInsert() throws Exception {
        Receipt receipt = Receipt.pending("msg_1", "appointment.created", "47", 1, RECEIVED);

        assertTrue(store.recordPending(receipt));
        assertFalse(store.recordPending(Receipt.pending("msg_1", "appointment.updated", "47", 2, RECEIVED)));

        assertEquals(Optional.of(receipt), store.find("msg_1"));
    }

    @Test
    void marksAReceiptQueued() throws Exception {
        store.recordPending(Receipt.pending("msg_2", "appointment.created", "47", 1, RECEIVED));

        store.markQueued("msg_2", RECEIVED.plusSeconds(1));

        Receipt receipt = store.find("msg_2").orElseThrow();
        assertTrue(receipt.queued());
        assertEquals(RECEIVED.plusSeconds(1), receipt.queuedAt());
        assertEquals("47", receipt.appointmentId());
        assertEquals(1, receipt.version());
    }

    @Test
    void anUnknownIdHasNoReceipt() throws Exception {
        assertEquals(Optional.empty(), store.find("msg_never"));
    }

    @Test
    void theRowIsKeyedByTheWebhookIdSoOperatorsCanFindIt() throws Exception {
        store.recordPending(Receipt.pending("msg_p5jXN8AQM9LWM0D4loKWxJek", "appointment.created", "47", 1, RECEIVED));

        TableEntity row = storage.table(tableName).getEntity("msg_p5jXN8AQM9LWM0D4loKWxJek", "msg_p5jXN8AQM9LWM0D4loKWxJek");
        assertEquals("PENDING", row.getProperty("State"));
    }

    @Test
    void idsWithCharactersTablesForbidAreStoredUnderAHashAndStillDeduplicated() throws Exception {
        String awkward = "clinic/a#47?v=1\\x";

        assertTrue(store.recordPending(Receipt.pending(awkward, "appointment.created", "47", 1, RECEIVED)));
        assertFalse(store.recordPending(Receipt.pending(awkward, "appointment.created", "47", 1, RECEIVED)));
        assertEquals(awkward, store.find(awkward).orElseThrow().webhookId());
        assertFalse(store.recordPending(Receipt.pending(awkward, "appointment.created", "47", 1, RECEIVED)));
        assertTrue(store.recordPending(Receipt.pending("clinic/a#48", "appointment.created", "48", 1, RECEIVED)));
    }

    @Test
    void unreachableStorageIsStorageUnavailableKeepingTheCause() {
        TableClient dead = new TableClientBuilder()
                .connectionString(deadConnectionString())
                .tableName("receipts")
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(0)))
                .buildClient();
        TableReceiptStore down = new TableReceiptStore(() -> dead, Duration.ofSeconds(2));

        StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
                () -> down.recordPending(Receipt.pending("msg_x", "appointment.created", "47", 1, RECEIVED)));
        assertNotNull(e.getCause());
        assertThrows(StorageUnavailableException.class, () -> down.find("msg_x"));
        assertThrows(StorageUnavailableException.class, () -> down.markQueued("msg_x", RECEIVED));
    }

    static String deadConnectionString() {
        int port = Azurite.freePort();
        return "DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey=" + Azurite.KEY
                + ";QueueEndpoint=http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT
                + ";TableEndpoint=http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT + ";";
    }
}
