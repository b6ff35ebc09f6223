package org.teamstelehealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.queue.QueueClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.local.batching.PacedFixture;
import org.teamstelehealth.testing.TestSettings;

/**
 * The local host receives a queue's next batch as the Functions host does: once no more than newBatchThreshold
 * invocations still run, not when a whole batch is done nor as soon as one is.
 */
class LocalHostBatchThresholdTest {

    @BeforeEach
    void freshFixture() {
        PacedFixture.STARTED.clear();
        PacedFixture.RUNNING_AT_START.clear();
        PacedFixture.RUNNING.set(0);
        PacedFixture.SLOW_FINISHED.set(0);
    }

    @Test
    void withTheShippedHostJsonNoMoreThan8RunAtOnce() throws Exception {
        // host.json's shape (batchSize 1, newBatchThreshold 7; docs/teams-meetings.md): with 8 and 4, the four quick
        // ones ending would have fetched the next 8 while four slow ones ran, 12 at once.
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            messages.add("quick-" + i);
        }
        for (int i = 0; i < 8; i++) {
            messages.add("slow-" + i);
        }
        runPaced(messages, UnaryOperator.identity());

        assertEquals(12, PacedFixture.STARTED.size(), PacedFixture.STARTED.toString());
        assertEquals(8, Collections.max(PacedFixture.RUNNING_AT_START.values()),
                "at most 8 at once, and 8 reached: " + PacedFixture.RUNNING_AT_START);
        assertEquals(8, HostConfig.read(Azurite.projectRoot()).queues().maxConcurrent());
    }

    @Test
    void withBatchSize8AndThreshold4TheNextBatchStartsWhileFourStillRunAndNoMoreThan12RunAtOnce() throws Exception {
        // Sent before the host starts, so its first receive takes these eight as one batch.
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            messages.add("quick-" + i);
            messages.add("slow-" + i);
        }
        for (int i = 0; i < 8; i++) {
            messages.add("next-" + i);
        }
        runPaced(messages, q -> q.withBatchSize(8).withNewBatchThreshold(4).withMaxPollingInterval(Duration.ofMillis(100)));

        assertEquals(16, PacedFixture.STARTED.size(), PacedFixture.STARTED.toString());
        // The second batch runs concurrently: whichever of its messages starts first, none starts before the eighth.
        String firstOfNext = PacedFixture.STARTED.stream().filter(m -> m.startsWith("next-")).findFirst().orElseThrow();
        int firstNext = PacedFixture.STARTED.indexOf(firstOfNext);
        assertEquals(8, firstNext, "the first batch of 8 ran first: " + PacedFixture.STARTED);
        int mostAtOnce = Collections.max(PacedFixture.RUNNING_AT_START.values());
        assertEquals(12, mostAtOnce, "batchSize + newBatchThreshold ran at once: " + PacedFixture.RUNNING_AT_START);
        assertTrue(PacedFixture.RUNNING_AT_START.get(firstOfNext) >= 5, "the second batch came while the 4 slow ones ran: "
                + PacedFixture.RUNNING_AT_START);
    }

    /** Puts {@code messages} on a fresh queue, then runs the paced fixture on it until the queue is idle. */
    private static void runPaced(List<String> messages, UnaryOperator<QueueOptions> queueOptions) {
        String queueName = "local-paced-" + UUID.randomUUID().toString().substring(0, 8);
        QueueClient queue = new StorageClients(TestSettings.settings().storage()).queue(queueName);
        messages.forEach(queue::sendMessage);
        Map<String, String> values = TestSettings.values();
        values.put("PACED_QUEUE_NAME", queueName);
        try (LocalHost host = LocalHost.start(LocalHostOptions.forTests(values)
                .packages("org.teamstelehealth.local.batching").includeTestClasses(true)
                .injector(FunctionInvoker::construct).queueOptions(queueOptions))) {
            host.awaitQueueIdle(queueName, Duration.ofSeconds(60));
        }
    }

    @Test
    void hostJsonsThresholdIsReadAndDefaultsToHalfTheBatch() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(2, HostConfig.parse(json.readTree("{\"extensions\":{\"queues\":{\"batchSize\":8,\"newBatchThreshold\":2}}}"))
                .queues().newBatchThreshold());
        assertEquals(4, HostConfig.parse(json.readTree("{\"extensions\":{\"queues\":{\"batchSize\":8}}}"))
                .queues().newBatchThreshold());
        assertEquals(12, HostConfig.parse(json.readTree("{\"extensions\":{\"queues\":{\"batchSize\":8}}}"))
                .queues().maxConcurrent());
    }
}
