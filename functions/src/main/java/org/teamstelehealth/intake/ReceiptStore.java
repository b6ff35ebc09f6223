package org.teamstelehealth.intake;

import java.time.Instant;
import java.util.Optional;

/** Where intake records which {@code webhook-id}s it has seen (the {@code receipts} table). */
public interface ReceiptStore {

    /**
     * Records a pending receipt (the claim on its webhook id) unless one exists for the id already: one
     * conditional write.
     *
     * @return {@code true} if it was recorded, {@code false} if a receipt for the id already existed
     */
    boolean recordPending(Receipt receipt) throws StorageUnavailableException;

    Optional<Receipt> find(String webhookId) throws StorageUnavailableException;

    /**
     * Marks the receipt as queued: from now on a delivery with this id is a duplicate and is not put
     * again. Intake calls it only on the duplicate path, never for a first delivery.
     */
    void markQueued(String webhookId, Instant queuedAt) throws StorageUnavailableException;

    /** Forgets the receipt for this id, if there is one (after its message could not be queued). */
    void release(String webhookId) throws StorageUnavailableException;

    /**
     * Forgets the receipts received before {@code cutoff}: a PMS retry after that is queued again, which the
     * appointment's version makes harmless.
     *
     * @return how many were removed
     */
    int purgeReceivedBefore(Instant cutoff) throws StorageUnavailableException;
}
