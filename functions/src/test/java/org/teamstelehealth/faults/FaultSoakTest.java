package org.teamstelehealth.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.notifications.Delivery;

/**
 * The longer run, not in CI: {@code mvn -B -o test -Dfaults.soak=true -Dtest='FaultSoakTest'}. 50 appointments of
 * four versions (every fifth ends cancelled), each version posted three times, spread over
 * {@code -Dfaults.soakMinutes} (3 by default), while faults come round every three minutes of it: Graph throttles for
 * a minute, then ACS fails (SMS 429 with Retry-After, email 500) for one, then a quiet minute.
 */
@EnabledIfSystemProperty(named = "faults.soak", matches = "true")
class FaultSoakTest {
    private static final Logger LOG = Logger.getLogger(FaultSoakTest.class.getName());

    @Test
    @Timeout(7200)
    void fiftyAppointmentsSpreadOverMinutesUnderGraphAndAcsFaultsConvergeOnce() throws Exception {
        Duration spread = Duration.ofMinutes(Long.getLong("faults.soakMinutes", 3));
        try (FaultRig rig = new FaultRig(); LocalHost host = rig.startHost()) {
            Pms pms = new Pms(rig, 97).appointments(50, 4, 5).spreadOver(spread);
            AtomicLong graphFaults = new AtomicLong();
            AtomicLong acsFaults = new AtomicLong();
            Instant end = Instant.now().plus(spread);
            Thread faults = new Thread(() -> {
                try {
                    do {
                        try (AcsFaults.Stretch graph = AcsFaults.graphThrottling(rig.graph.server())) {
                            Thread.sleep(60_000);
                            graphFaults.addAndGet(graph.answered());
                        }
                        try (AcsFaults.Stretch acs = AcsFaults.acsThrottlingAndFailing(rig.acs.server())) {
                            Thread.sleep(60_000);
                            acsFaults.addAndGet(acs.answered());
                        }
                        if (Instant.now().isBefore(end)) {
                            Thread.sleep(60_000);
                        }
                    } while (Instant.now().isBefore(end));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            faults.start();
            pms.sendAll(16);
            faults.join();
            host.awaitIdle(Duration.ofMinutes(5));
            int mostAttempts = pms.newest().keySet().stream().flatMap(id -> rig.reader().deliveryLog().forAppointment(id)
                    .stream()).mapToInt(Delivery::attempts).max().orElse(0);
            LOG.info(() -> "Soak over " + spread.toMinutes() + " min: Graph faults answered " + graphFaults + " requests, ACS"
                    + " faults " + acsFaults + "; ACS saw " + rig.acs.server().getAllServeEvents().size()
                    + " requests; the most attempts of one message " + mostAttempts);
            assertTrue(graphFaults.get() > 0 && acsFaults.get() > 0, "the faults were hit");
            assertEquals(List.of(), new EndState(rig, pms.newest()).problems());
        }
    }
}
