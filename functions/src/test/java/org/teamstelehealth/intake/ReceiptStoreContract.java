package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ReceiptStore} does; {@link InMemoryReceiptStoreTest} and {@link TableReceiptStoreTest} run it. */
abstract class ReceiptStoreContract {
    static final Instant RECEIVED = Instant.parse("2027-03-01T00:00:00Z");

    protected ReceiptStore store;

    /** A store with no receipts. */
    protected abstract ReceiptStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    @Test
    void recordsAPendingReceiptOnceAndRefusesASecondInsert() throws Exception {
        Receipt receipt = Receipt.pending("msg_1", "appointment.created", "47", 1, RECEIVED);

        assertTrue(store.recordPending(receipt));
        assertFalse(store.recordPending(Receipt.pending("msg_1", "appointment.updated", "47", 2, RECEIVED)));

        assertEquals(Optional.of(receipt), store.find("msg_1"));
    }

    @Test
    void claimsMadeAtOnceAreEachGrantedExactlyOncePerId() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String id = "msg_at_once_" + (i % 8);
                claims.add(() -> store.recordPending(Receipt.pending(id, "appointment.created", "47", 1, RECEIVED)));
            }
            int granted = 0;
            for (Future<Boolean> claim : pool.invokeAll(claims)) {
                granted += claim.get() ? 1 : 0;
            }
            assertEquals(8, granted, "one grant for each of the 8 ids, each claimed 3 times");
            for (int i = 0; i < 8; i++) {
                assertTrue(store.find("msg_at_once_" + i).isPresent());
            }
        } finally {
            pool.shutdownNow();
        }
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
    void anUnknownIdHasNoReceiptAndCannotBeMarkedQueued() throws Exception {
        assertEquals(Optional.empty(), store.find("msg_never"));
        assertThrows(StorageUnavailableException.class, () -> store.markQueued("msg_never", RECEIVED));
        assertEquals(Optional.empty(), store.find("msg_never"));
    }

    @Test
    void aReleasedClaimCanBeTakenAgainAndReleasingAnUnknownIdIsNoError() throws Exception {
        store.recordPending(Receipt.pending("msg_r", "appointment.created", "47", 1, RECEIVED));

        store.release("msg_r");
        store.release("msg_never");

        assertEquals(Optional.empty(), store.find("msg_r"));
        assertTrue(store.recordPending(Receipt.pending("msg_r", "appointment.created", "47", 1, RECEIVED)));
    }

    @Test
    void idsWithCharactersTablesForbidAreStillDeduplicated() throws Exception {
        String awkward = "clinic/a#47?v=1\\x";

        assertTrue(store.recordPending(Receipt.pending(awkward, "appointment.created", "47", 1, RECEIVED)));
        assertFalse(store.recordPending(Receipt.pending(awkward, "appointment.created", "47", 1, RECEIVED)));
        assertEquals(awkward, store.find(awkward).orElseThrow().webhookId());
        assertTrue(store.recordPending(Receipt.pending("clinic/a#48", "appointment.created", "48", 1, RECEIVED)));
        assertTrue(store.recordPending(Receipt.pending("clinic%2Fa#47?v=1\\x", "appointment.created", "47", 1, RECEIVED)));
    }

    @Test
    void longIdsAndIdsThatLookHashedAreKeptApart() throws Exception {
        String longId = "msg_" + "x".repeat(252);
        String hashedLooking = "~sha256~" + "0".repeat(64);

        assertTrue(store.recordPending(Receipt.pending(longId, "appointment.created", "47", 1, RECEIVED)));
        assertTrue(store.recordPending(Receipt.pending(hashedLooking, "appointment.created", "47", 1, RECEIVED)));
        assertFalse(store.recordPending(Receipt.pending(longId, "appointment.created", "47", 1, RECEIVED)));
        assertEquals(longId, store.find(longId).orElseThrow().webhookId());
        assertEquals(hashedLooking, store.find(hashedLooking).orElseThrow().webhookId());
    }

    @Test
    void purgingForgetsOnlyReceiptsReceivedBeforeTheCutoffAndCountsThem() throws Exception {
        store.recordPending(Receipt.pending("msg_old", "appointment.created", "47", 1, RECEIVED.minusSeconds(8 * 86_400)));
        store.recordPending(Receipt.pending("msg_new", "appointment.updated", "47", 2, RECEIVED));

        int removed = store.purgeReceivedBefore(RECEIVED.minusSeconds(7 * 86_400));

        assertEquals(1, removed);
        assertEquals(Optional.empty(), store.find("msg_old"));
        assertTrue(store.find("msg_new").isPresent());
        assertEquals(0, store.purgeReceivedBefore(RECEIVED.minusSeconds(7 * 86_400)), "a second run finds nothing");
        assertTrue(store.recordPending(Receipt.pending("msg_old", "appointment.created", "47", 1, RECEIVED)),
                "a retry after the window is recorded (and queued) again");
    }
}
