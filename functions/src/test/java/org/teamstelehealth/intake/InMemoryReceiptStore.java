package org.teamstelehealth.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receipts in a map, refusing what the table refuses; {@link #down} makes every call fail as if table
 * storage were unreachable.
 */
public final class InMemoryReceiptStore implements ReceiptStore {
    final Map<String, Receipt> receipts = new ConcurrentHashMap<>();
    boolean down;
    boolean markQueuedFails;
    boolean releaseFails;
    /** Every call made, as a storage round trip would be. */
    int calls;

    @Override
    public boolean recordPending(Receipt receipt) throws StorageUnavailableException {
        failIfDown();
        return receipts.putIfAbsent(receipt.webhookId(), receipt) == null;
    }

    @Override
    public Optional<Receipt> find(String webhookId) throws StorageUnavailableException {
        failIfDown();
        return Optional.ofNullable(receipts.get(webhookId));
    }

    @Override
    public void markQueued(String webhookId, Instant queuedAt) throws StorageUnavailableException {
        failIfDown();
        if (markQueuedFails) {
            throw new StorageUnavailableException("table down", new RuntimeException("simulated"));
        }
        if (receipts.computeIfPresent(webhookId, (id, receipt) -> queued(receipt, queuedAt)) == null) {
            throw new StorageUnavailableException("no receipt to mark queued", new IllegalStateException("404"));
        }
    }

    @Override
    public void release(String webhookId) throws StorageUnavailableException {
        failIfDown();
        if (releaseFails) {
            throw new StorageUnavailableException("table down", new RuntimeException("simulated"));
        }
        receipts.remove(webhookId);
    }

    @Override
    public int purgeReceivedBefore(Instant cutoff) throws StorageUnavailableException {
        failIfDown();
        List<String> old = receipts.values().stream().filter(r -> r.receivedAt().isBefore(cutoff))
                .map(Receipt::webhookId).toList();
        old.forEach(receipts::remove);
        return old.size();
    }

    private static Receipt queued(Receipt r, Instant at) {
        return new Receipt(r.webhookId(), Receipt.State.QUEUED, r.type(), r.appointmentId(), r.version(), r.receivedAt(), at);
    }

    private void failIfDown() throws StorageUnavailableException {
        calls++;
        if (down) {
            throw new StorageUnavailableException("table down", new RuntimeException("simulated"));
        }
    }
}
