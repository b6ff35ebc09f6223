package org.teamstelehealth.health;

/** Whether the storage the app depends on answers right now. */
public interface StorageHealth {

    /** @param tables whether table storage answered; @param queues whether queue storage answered */
    record Status(boolean tables, boolean queues) {
        public boolean ok() {
            return tables && queues;
        }
    }

    /** Probes table and queue storage; returns within a few seconds whatever their state. */
    Status check();
}
