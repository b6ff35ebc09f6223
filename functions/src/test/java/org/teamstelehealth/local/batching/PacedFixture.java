package org.teamstelehealth.local.batching;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A queue function that takes as long as its message says ("slow-1" 2.5 s, "quick-1" 0.1 s, else 0.3 s). */
public class PacedFixture {
    public static final List<String> STARTED = new CopyOnWriteArrayList<>();
    /** How many ran, counting itself, when each message started. */
    public static final Map<String, Integer> RUNNING_AT_START = new ConcurrentHashMap<>();
    public static final AtomicInteger RUNNING = new AtomicInteger();
    public static final AtomicInteger SLOW_FINISHED = new AtomicInteger();

    @FunctionName("paced")
    public void paced(@QueueTrigger(name = "message", queueName = "%PACED_QUEUE_NAME%", connection = "AzureWebJobsStorage")
            String message) throws InterruptedException {
        RUNNING_AT_START.put(message, RUNNING.incrementAndGet());
        STARTED.add(message);
        try {
            Thread.sleep(message.startsWith("slow") ? 2500 : message.startsWith("quick") ? 100 : 300);
        } finally {
            if (message.startsWith("slow")) {
                SLOW_FINISHED.incrementAndGet();
            }
            RUNNING.decrementAndGet();
        }
    }
}
