package org.teamstelehealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.fixtures.QueueFixtures;

/** Queue-triggered fakes run by the local host against Azurite: retries, deletion, poison queue. */
class LocalHostQueueTest {
    private static final String FLAKY = QueueFixtures.FLAKY_QUEUE;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static LocalHost host;

    @BeforeAll
    static void start() {
        Map<String, String> values = QueueFixtures.settings(FLAKY);
        host = LocalHost.start(LocalHostOptions.forTests(values)
                .packages("org.teamstelehealth.local.fixtures").includeTestClasses(true)
                .injector(FunctionInvoker::construct)
                .queueOptions(q -> q.withMaxDequeueCount(3)
                        .withVisibilityTimeout(Duration.ofMillis(300))
                        .withMaxPollingInterval(Duration.ofMillis(200)))
                .out(new PrintStream(LOG, true, StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void aMessageThatFailsTwiceIsDeliveredAgainWithTheSameTextUntilItSucceedsThenDeleted() {
        host.application().storage().queue(FLAKY).sendMessage("appointment 7 changed");

        host.awaitQueueIdle(FLAKY, Duration.ofSeconds(30));

        List<QueueFixtures.Delivery> deliveries = QueueFixtures.FLAKY.stream()
                .filter(d -> d.message().equals("appointment 7 changed")).toList();
        assertEquals(List.of(1L, 2L, 3L), deliveries.stream().map(QueueFixtures.Delivery::dequeueCount).toList(), LOG.toString());
        assertEquals(1, deliveries.stream().map(QueueFixtures.Delivery::id).distinct().count(), "one message, redelivered");
        assertNotNull(deliveries.get(0).popReceipt());
        assertNotNull(deliveries.get(0).insertionTime());
        assertEquals("flaky", deliveries.get(0).functionName());
        QueueClient queue = host.application().storage().queue(FLAKY);
        assertEquals(0, queue.getProperties().getApproximateMessagesCount(), "deleted after success");
        assertNull(queue.peekMessage(), "deleted after success");
        assertEquals(0, host.application().storage().queue(FLAKY + "-poison").getProperties().getApproximateMessagesCount());
    }

    @Test
    void aMessageThatAlwaysFailsLandsInThePoisonQueueAfterMaxDequeueCountTries() {
        QueueClient poison = host.application().storage().queue(QueueFixtures.DOOMED_QUEUE + "-poison");
        poison.clearMessages();
        host.application().storage().queue(QueueFixtures.DOOMED_QUEUE).sendMessage("{\"appointment\":\"doomed-1\"}");

        host.awaitQueueIdle(QueueFixtures.DOOMED_QUEUE, Duration.ofSeconds(30));

        List<Long> tries = QueueFixtures.DOOMED.stream().filter(d -> d.message().contains("doomed-1"))
                .map(QueueFixtures.Delivery::dequeueCount).toList();
        assertEquals(List.of(1L, 2L, 3L), tries, "tried maxDequeueCount (3) times, then no more");
        QueueMessageItem poisoned = poison.receiveMessage();
        assertNotNull(poisoned, "moved to the poison queue");
        assertEquals("{\"appointment\":\"doomed-1\"}", poisoned.getBody().toString());
        assertTrue(LOG.toString(StandardCharsets.UTF_8).contains("moved to '" + QueueFixtures.DOOMED_QUEUE + "-poison'"));
    }

    @Test
    void aBatchOfMessagesRunsInParallel() {
        QueueClient queue = host.application().storage().queue(QueueFixtures.SLOW_QUEUE);
        for (int i = 0; i < 6; i++) {
            queue.sendMessage("batch " + i);
        }

        host.awaitQueueIdle(QueueFixtures.SLOW_QUEUE, Duration.ofSeconds(60));

        assertEquals(6, QueueFixtures.SLOW.stream().filter(m -> m.startsWith("batch ")).distinct().count());
        assertTrue(QueueFixtures.SLOW_MOST_AT_ONCE.get() > 1, "invocations overlapped");
    }

    @Test
    void awaitingIdleWaitsForMessagesNotVisibleYet() {
        QueueClient queue = host.application().storage().queue(QueueFixtures.SLOW_QUEUE);
        queue.sendMessageWithResponse("delayed", Duration.ofSeconds(1), null, null, null);

        host.awaitQueueIdle(QueueFixtures.SLOW_QUEUE, Duration.ofSeconds(30));

        assertTrue(QueueFixtures.SLOW.contains("delayed"), "the delayed message ran before awaitQueueIdle returned");
    }
}
