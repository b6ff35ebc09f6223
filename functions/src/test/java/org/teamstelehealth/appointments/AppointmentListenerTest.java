package org.teamstelehealth.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.testing.ContractExamples;

/** The queue worker tells its {@link AppointmentListener} of each stored row it applied, and again on a redelivery. */
class AppointmentListenerTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    private final InMemoryAppointmentStore store = new InMemoryAppointmentStore();
    private final List<String> told = new ArrayList<>();
    private final AppointmentService service = new AppointmentService(store, new FakeMeetings(), intent -> { },
            event -> { }, (message, delay) -> { }, new RetryPolicy(Duration.ofMinutes(30), Duration.ofSeconds(20), Duration.ofSeconds(600)),
            (stored, now) -> told.add(stored.version() + ":" + stored.status() + ":" + stored.snapshot().start()));

    @Test
    void eachAppliedChangeIsToldWithTheRowAsStored() {
        service.apply(ContractExamples.message("lifecycle-1-created.json"), NOW);
        service.apply(ContractExamples.message("lifecycle-2-rescheduled.json"), NOW);
        service.apply(ContractExamples.message("lifecycle-4-cancelled.json"), NOW);

        assertEquals(List.of("1:READY:2027-03-05T16:00+10:30", "2:READY:2027-03-05T16:40+10:30",
                "4:REMOVED:2027-03-05T16:40+10:30"), told);
    }

    @Test
    void aStaleRedeliveryTellsTheStoredRowAgainSoAListenerThatMissedItCatchesUp() {
        service.apply(ContractExamples.message("lifecycle-2-rescheduled.json"), NOW);
        told.clear();

        assertEquals(AppointmentService.Outcome.STALE, service.apply(ContractExamples.message("lifecycle-1-created.json"), NOW));

        assertEquals(List.of("2:READY:2027-03-05T16:40+10:30"), told);
    }
}
