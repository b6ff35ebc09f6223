package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableEntity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
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
    void theRowIsKeyedByTheWebhookIdInTheClaimsPartitionSoOperatorsCanFindIt() throws Exception {
        store.recordPending(Receipt.pending("msg_p5jXN8AQM9LWM0D4loKWxJek", "appointment.created", "47", 1, RECEIVED));

        TableEntity row = STORAGE.table(tableName).getEntity("claims", "msg_p5jXN8AQM9LWM0D4loKWxJek");
        assertEquals("PENDING", row.getProperty("State"));
    }

    @Test
    void claimsThatArriveWhileOneIsInFlightGoToTheTableTogetherAsOneTransaction() throws Exception {
        WireTable.Hold hold = wire.holdNextCall();
        Future<Boolean> first = claim("msg_first");
        hold.awaitReached();
        List<Future<Boolean>> others = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            others.add(claim("msg_" + i));
        }
        WireTable.await(() -> batching.waitingClaims() == 15, "15 claims wait");

        hold.release();

        assertTrue(first.get());
        for (Future<Boolean> other : others) {
            assertTrue(other.get());
        }
        assertEquals(2, wire.calls.size(), "one insert alone, then one transaction: " + wire.calls);
        assertEquals(1, wire.transactions());
        assertEquals(16, STORAGE.table(tableName).listEntities().stream().count());
        assertEquals("msg_7", batching.find("msg_7").orElseThrow().webhookId());
    }

    @Test
    void aClaimOnATakenIdInABatchIsRefusedAndTheOthersOfTheBatchAreRecorded() throws Exception {
        Receipt seen = pending("msg_seen");
        assertTrue(batching.recordPending(seen));
        WireTable.Hold hold = wire.holdNextCall();
        Future<Boolean> first = claim("msg_a");
        hold.awaitReached();
        Future<Boolean> b = claim("msg_b");
        Future<Boolean> again = claim("msg_seen");
        Future<Boolean> c = claim("msg_c");
        WireTable.await(() -> batching.waitingClaims() == 3, "3 claims wait");

        hold.release();

        assertTrue(first.get());
        assertTrue(b.get());
        assertFalse(again.get(), "msg_seen was claimed before");
        assertTrue(c.get());
        assertEquals(2, wire.transactions(), "the batch, then the batch without the taken claim: " + wire.calls);
        assertEquals(Optional.of(seen), batching.find("msg_seen"));
        assertTrue(batching.find("msg_b").isPresent() && batching.find("msg_c").isPresent());
    }

    @Test
    void theSameIdTwiceInLineIsNeverInOneTransactionAndIsRecordedOnce() throws Exception {
        WireTable.Hold hold = wire.holdNextCall();
        Future<Boolean> first = claim("msg_a");
        hold.awaitReached();
        Future<Boolean> x1 = claim("msg_x");
        Future<Boolean> x2 = claim("msg_x");
        Future<Boolean> y = claim("msg_y");
        WireTable.await(() -> batching.waitingClaims() == 3, "3 claims wait");

        hold.release();

        assertTrue(first.get());
        assertTrue(y.get());
        assertTrue(x1.get() ^ x2.get(), "exactly one claim on msg_x is granted");
        assertEquals(1, wire.transactions(), "msg_x and msg_y together, then the second msg_x alone: " + wire.calls);
        assertEquals(3, wire.calls.size(), wire.calls.toString());
    }

    @Test
    void aBatchThatFailsFailsEveryClaimInItAndRecordsNone() throws Exception {
        WireTable.Hold hold = wire.holdNextCall();
        Future<Boolean> first = claim("msg_a");
        hold.awaitReached();
        List<Future<Boolean>> batch = List.of(claim("msg_b"), claim("msg_c"), claim("msg_d"));
        WireTable.await(() -> batching.waitingClaims() == 3, "3 claims wait");
        wire.down(true);

        hold.release();

        assertUnavailable(first);
        for (Future<Boolean> claim : batch) {
            assertUnavailable(claim);
        }
        assertEquals(1, wire.transactions(), "one transaction tried for the three: " + wire.calls);
        wire.down(false);
        for (String id : List.of("msg_a", "msg_b", "msg_c", "msg_d")) {
            assertEquals(Optional.empty(), batching.find(id), id + " was recorded");
        }
        assertTrue(batching.recordPending(pending("msg_b")), "a retry once storage is back is a fresh claim");
    }

    @Test
    void aTransactionWhoseAnswerIsLostIsUnavailableThoughItsClaimsWereRecorded() throws Exception {
        WireTable.Hold hold = wire.holdNextCall();
        Future<Boolean> first = claim("msg_a");
        hold.awaitReached();
        List<Future<Boolean>> batch = List.of(claim("msg_b"), claim("msg_c"));
        WireTable.await(() -> batching.waitingClaims() == 2, "2 claims wait");
        wire.loseNextTransactionAnswer();

        hold.release();

        assertTrue(first.get());
        for (Future<Boolean> claim : batch) {
            assertUnavailable(claim);
        }
        // So intake answers 503, and the PMS's retry finds a pending claim: IntakeFunctionTest shows it is queued.
        assertFalse(batching.find("msg_b").orElseThrow().queued());
        assertFalse(batching.recordPending(pending("msg_c")));
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

    private final WireTable wire = new WireTable(STORAGE, tableName);
    private final TableReceiptStore batching = new TableReceiptStore(wire, Duration.ofSeconds(10));
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private Future<Boolean> claim(String webhookId) {
        return pool.submit(() -> batching.recordPending(pending(webhookId)));
    }

    private static Receipt pending(String webhookId) {
        return Receipt.pending(webhookId, "appointment.created", "47", 1, RECEIVED);
    }

    private static void assertUnavailable(Future<Boolean> claim) {
        ExecutionException e = assertThrows(ExecutionException.class, claim::get);
        assertInstanceOf(StorageUnavailableException.class, e.getCause());
    }

    static String deadConnectionString() {
        int port = Azurite.freePort();
        return "DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey=" + Azurite.KEY
                + ";QueueEndpoint=http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT
                + ";TableEndpoint=http://127.0.0.1:" + port + "/" + Azurite.ACCOUNT + ";";
    }
}
