package org.teamstelehealth.events;

import java.util.List;
import java.util.Optional;

/** Port: one row per event sent (or not) to the PMS, on the appointment's partition, for retries and the admin. */
public interface EventDeliveryLog {

    Optional<EventDelivery> find(String appointmentId, String eventId);

    /** Writes the row (new, or over the one there). */
    void save(EventDelivery delivery);

    /** The appointment's rows, by event sequence. */
    List<EventDelivery> forAppointment(String appointmentId);

    /** Removes the appointment's rows (retention); @return how many */
    int purge(String appointmentId);
}
