package org.teamstelehealth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.events.EventDelivery.Status;

/** What every {@link EventDeliveryLog} does; the in-memory fake and the Azurite table run it. */
abstract class EventDeliveryLogContract {
    private final String appointmentId = "evlog-" + UUID.randomUUID() + "/#?";
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected abstract EventDeliveryLog newLog();

    @Test
    void aRowRoundTripsEveryFieldAndASaveReplacesIt() {
        EventDeliveryLog log = newLog();
        EventDelivery retrying = new EventDelivery(appointmentId, "evt_" + appointmentId + "_1", "telehealth.ready", 1,
                Status.RETRYING, 2, now, now.plusSeconds(5), "HTTP 503", now.plusSeconds(65));

        log.save(retrying);
        assertEquals(retrying, log.find(appointmentId, retrying.eventId()).orElseThrow());

        EventDelivery delivered = new EventDelivery(appointmentId, retrying.eventId(), "telehealth.ready", 1,
                Status.DELIVERED, 3, now, now.plusSeconds(70), "HTTP 200", null);
        log.save(delivered);
        assertEquals(delivered, log.find(appointmentId, retrying.eventId()).orElseThrow());
    }

    @Test
    void anAppointmentsRowsComeBySequenceAndNoOtherAppointmentsDo() {
        EventDeliveryLog log = newLog();
        for (long sequence : List.of(3L, 1L, 2L)) {
            log.save(new EventDelivery(appointmentId, "evt_" + sequence, "telehealth.ready", sequence, Status.DELIVERED,
                    1, now, now, "HTTP 204", null));
        }
        log.save(new EventDelivery(appointmentId + "-other", "evt_1", "telehealth.ready", 1, Status.FAILED, 1, now, now,
                "HTTP 500", null));

        assertEquals(List.of(1L, 2L, 3L), log.forAppointment(appointmentId).stream().map(EventDelivery::sequence).toList());
        assertTrue(log.find(appointmentId, "evt_9").isEmpty());
    }

    @Test
    void purgingAnAppointmentRemovesItsRowsOnly() {
        EventDeliveryLog log = newLog();
        for (long sequence = 1; sequence <= 3; sequence++) {
            log.save(new EventDelivery(appointmentId, "evt_" + sequence, "telehealth.ready", sequence, Status.DELIVERED,
                    1, now, now, "HTTP 204", null));
        }
        log.save(new EventDelivery(appointmentId + "-kept", "evt_1", "telehealth.ready", 1, Status.DELIVERED, 1, now, now,
                "HTTP 204", null));

        assertEquals(3, log.purge(appointmentId));

        assertEquals(List.of(), log.forAppointment(appointmentId));
        assertEquals(1, log.forAppointment(appointmentId + "-kept").size());
        assertEquals(0, log.purge(appointmentId));
    }
}
