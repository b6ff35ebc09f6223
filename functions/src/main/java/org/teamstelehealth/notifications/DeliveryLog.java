package org.teamstelehealth.notifications;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the record of each message sent to patients, keyed by appointment and
 * {@link NotificationIntent#deliveryKey(String)}. It is what keeps a redelivered intent from
 * texting a patient twice, and what an admin reads to see whether the patient was told.
 */
public interface DeliveryLog {

    Optional<Delivery> find(String appointmentId, String key);

    /**
     * The deliveries recorded under any of {@code keys} of one appointment, by key (absent keys have no entry). An
     * adapter that can read them in one request should; this default reads them one by one.
     */
    default Map<String, Delivery> find(String appointmentId, List<String> keys) {
        Map<String, Delivery> found = new HashMap<>();
        keys.forEach(key -> find(appointmentId, key).ifPresent(delivery -> found.put(key, delivery)));
        return found;
    }

    /**
     * Records a new delivery only if none exists for its key.
     *
     * @return the stored delivery, or empty when another worker recorded one first
     */
    Optional<Delivery> insert(Delivery delivery);

    /** Replaces the delivery; returns it with its new ETag. */
    Delivery update(Delivery delivery);

    /**
     * The delivery now sent under {@code operationId} (how an email's delivery report, which names only
     * the operation id, finds its row).
     */
    Optional<Delivery> findByOperationId(String operationId);

    /** Every message for one appointment, oldest change first. */
    List<Delivery> forAppointment(String appointmentId);

    /**
     * Removes every delivery of the appointment (retention); nothing when there are none.
     *
     * @return how many were removed
     */
    int purge(String appointmentId);
}
