package org.teamstelehealth.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.teamstelehealth.local.LocalHost;
import org.teamstelehealth.local.LocalHostOptions;
import org.teamstelehealth.local.QueueOptions;

/**
 * The local host in a JVM of its own, for tests that kill it: settings are its environment (as on Azure), the
 * port {@code FAULT_HOST_PORT}, no stand-ins of its own (the test's are in GRAPH_* and ACS_*). A message a killed
 * host held comes back after 5 s (the lease), not the 5-minute function timeout; a failed one after 0.5 s.
 */
public final class FaultHostMain {
    static final String PORT = "FAULT_HOST_PORT";
    static final Duration LEASE = Duration.ofSeconds(5);

    private FaultHostMain() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> values = new HashMap<>(System.getenv());
        int port = Integer.parseInt(values.remove(PORT));
        LocalHost.start(LocalHostOptions.forTests(values).standIns(false).httpPort(port).queueOptions(FaultHostMain::fast));
        new CountDownLatch(1).await();
    }

    /**
     * host.json's queue options with a failed message back after 0.5 s, and a message whose host died (or whose
     * settling failed while storage was down) back after {@link #LEASE}, so scenarios end in seconds.
     */
    static QueueOptions fast(QueueOptions q) {
        return new QueueOptions(q.batchSize(), q.maxDequeueCount(), Duration.ofMillis(500), q.maxPollingInterval(), LEASE,
                q.newBatchThreshold());
    }
}
