package org.teamstelehealth.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.teamstelehealth.local.LocalHost;

/**
 * The longer run, not in CI (not yet passing: see docs/reliability.md): {@code mvn -B -o test -Dfaults.soak=true -Dtest='FaultSoakTest'}. 50 appointments of
 * four versions (every fifth ends cancelled), each version posted three times, spread over
 * {@code -Dfaults.soakMinutes} (3 by default), while Graph throttles for a minute and then ACS fails for one.
 */
@EnabledIfSystemProperty(named = "faults.soak", matches = "true")
class FaultSoakTest {
    @Test
    @Timeout(1800)
    void fiftyAppointmentsSpreadOverMinutesUnderGraphAndAcsFaultsConvergeOnce() throws Exception {
        Duration spread = Duration.ofMinutes(Long.getLong("faults.soakMinutes", 3));
        try (FaultRig rig = new FaultRig(); LocalHost host = rig.startHost()) {
            Pms pms = new Pms(rig, 97).appointments(50, 4, 5).spreadOver(spread);
            Thread faults = new Thread(() -> {
                try {
                    try (AcsFaults.Stretch graph = AcsFaults.graphThrottling(rig.graph.server())) {
                        Thread.sleep(60_000);
                    }
                    try (AcsFaults.Stretch acs = AcsFaults.acsThrottlingAndFailing(rig.acs.server())) {
                        Thread.sleep(60_000);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            faults.start();
            pms.sendAll(16);
            faults.join();
            host.awaitIdle(Duration.ofMinutes(5));
            assertEquals(List.of(), new EndState(rig, pms.newest()).problems());
        }
    }
}
