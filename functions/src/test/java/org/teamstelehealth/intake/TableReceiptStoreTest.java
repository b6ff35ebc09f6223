package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableEntity;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.testing.TestSettings;

/** The receipts table in Azurite, a fresh table per test: the contract, the row operators read, and outages. */
class TableReceiptStoreTest extends ReceiptStoreContract {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());
    private final String tableName = "receipts" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    protected ReceiptStore newStore() {
        return new TableReceiptStore(() -> STORAGE.table(tableName), Duration.ofSeconds(10));
    }

    @Test
    void theRowIsKeyedByTheWebhookIdSoOperatorsCanFindIt() throws Exception {
        store.recordPending(Receipt.pending("msg_p5jXN8AQM9LWM0D4loKWxJek", "appointment.created", "47", 1, RECEIVED));

        TableEntity row = STORAGE.table(tableName).getEntity("msg_p5jXN8AQM9LWM0D4loKWxJek", "msg_p5jXN8AQM9LWM0D4loKWxJek");
        assertEquals("PENDING", row.getProperty("State"));
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

    @Test
    void aStorageCallThatIsNeverAnsweredEndsAtTheTimeoutAsStorageUnavailable() throws Exception {
        try (SilentStorage silent = new SilentStorage()) {
            TableClient hungClient = new TableClientBuilder().connectionString(silent.connectionString())
                    .tableName("receipts").buildClient();
            TableReceiptStore hung = new TableReceiptStore(() -> hungClient, Duration.ofSeconds(1));
            Receipt receipt = Receipt.pending("msg_x", "appointment.created", "47", 1, RECEIVED);

            // The SDK alone would wait 60 s a try and retry; intake must answer 503 long before the PMS gives up.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                assertThrows(StorageUnavailableException.class, () -> hung.recordPending(receipt));
                assertThrows(StorageUnavailableException.class, () -> hung.find("msg_x"));
                assertThrows(StorageUnavailableException.class, () -> hung.markQueued("msg_x", RECEIVED));
                assertThrows(StorageUnavailableException.class, () -> hung.release("msg_x"));
            });
        }
    }

    static String deadConnectionString() {
        int port = Azurite.freePort();
        return Azurite.connectionString(port, port);
    }
}
