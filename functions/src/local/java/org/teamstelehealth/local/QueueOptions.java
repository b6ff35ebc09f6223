package org.teamstelehealth.local;

import java.time.Duration;

/**
 * How queue triggers poll, as {@code host.json} {@code extensions.queues} says.
 *
 * @param batchSize messages received at once, and invocations run in parallel, per queue (1..32)
 * @param maxDequeueCount deliveries before a failing message moves to {@code <queue>-poison}
 * @param visibilityTimeout how long a failed message stays invisible before it is retried
 * @param maxPollingInterval the longest wait between polls of an empty queue
 * @param lease how long a received message stays invisible while its invocation runs (the function timeout)
 */
public record QueueOptions(int batchSize, int maxDequeueCount, Duration visibilityTimeout,
        Duration maxPollingInterval, Duration lease) {

    /** The Functions host's defaults. */
    public static final QueueOptions DEFAULTS =
            new QueueOptions(16, 5, Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(5));

    public QueueOptions {
        if (batchSize < 1 || batchSize > 32) {
            throw new IllegalArgumentException("batchSize must be between 1 and 32, was " + batchSize);
        }
        if (maxDequeueCount < 1) {
            throw new IllegalArgumentException("maxDequeueCount must be at least 1, was " + maxDequeueCount);
        }
    }

    public QueueOptions withBatchSize(int value) {
        return new QueueOptions(value, maxDequeueCount, visibilityTimeout, maxPollingInterval, lease);
    }

    public QueueOptions withMaxDequeueCount(int value) {
        return new QueueOptions(batchSize, value, visibilityTimeout, maxPollingInterval, lease);
    }

    public QueueOptions withVisibilityTimeout(Duration value) {
        return new QueueOptions(batchSize, maxDequeueCount, value, maxPollingInterval, lease);
    }

    public QueueOptions withMaxPollingInterval(Duration value) {
        return new QueueOptions(batchSize, maxDequeueCount, visibilityTimeout, value, lease);
    }
}
