package org.teamstelehealth.local;

import java.time.Duration;

/**
 * How queue triggers poll, as {@code host.json} {@code extensions.queues} says.
 *
 * @param batchSize messages received at once per queue (1..32)
 * @param maxDequeueCount deliveries before a failing message moves to {@code <queue>-poison}
 * @param visibilityTimeout how long a failed message stays invisible before it is retried
 * @param maxPollingInterval the longest wait between polls of an empty queue
 * @param lease how long a received message stays invisible while its invocation runs (the function timeout)
 * @param newBatchThreshold the next batch is received once no more than this many invocations still run, so up to
 *     {@code batchSize + newBatchThreshold} run at once; {@link #DEFAULT_THRESHOLD} for the host's default, half the
 *     batch size (on a single-vCPU Consumption instance; App Service and Premium multiply it by the vCPUs)
 */
public record QueueOptions(int batchSize, int maxDequeueCount, Duration visibilityTimeout,
        Duration maxPollingInterval, Duration lease, int newBatchThreshold) {

    /** Stands for "half the batch size, whatever it is". */
    public static final int DEFAULT_THRESHOLD = -1;

    /** The Functions host's defaults. */
    public static final QueueOptions DEFAULTS =
            new QueueOptions(16, 5, Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(5), DEFAULT_THRESHOLD);

    public QueueOptions {
        if (batchSize < 1 || batchSize > 32) {
            throw new IllegalArgumentException("batchSize must be between 1 and 32, was " + batchSize);
        }
        if (newBatchThreshold < DEFAULT_THRESHOLD) {
            throw new IllegalArgumentException("newBatchThreshold must be 0 or more, was " + newBatchThreshold);
        }
        if (maxDequeueCount < 1) {
            throw new IllegalArgumentException("maxDequeueCount must be at least 1, was " + maxDequeueCount);
        }
    }

    /** With the default threshold (half the batch size). */
    public QueueOptions(int batchSize, int maxDequeueCount, Duration visibilityTimeout, Duration maxPollingInterval,
            Duration lease) {
        this(batchSize, maxDequeueCount, visibilityTimeout, maxPollingInterval, lease, DEFAULT_THRESHOLD);
    }

    /** The threshold in force: as set, or half the batch size. */
    @Override
    public int newBatchThreshold() {
        return newBatchThreshold == DEFAULT_THRESHOLD ? batchSize / 2 : newBatchThreshold;
    }

    /** The most invocations of one queue's function running at once. */
    public int maxConcurrent() {
        return batchSize + newBatchThreshold();
    }

    public QueueOptions withBatchSize(int value) {
        return new QueueOptions(value, maxDequeueCount, visibilityTimeout, maxPollingInterval, lease, newBatchThreshold);
    }

    public QueueOptions withNewBatchThreshold(int value) {
        return new QueueOptions(batchSize, maxDequeueCount, visibilityTimeout, maxPollingInterval, lease, value);
    }

    public QueueOptions withMaxDequeueCount(int value) {
        return new QueueOptions(batchSize, value, visibilityTimeout, maxPollingInterval, lease, newBatchThreshold);
    }

    public QueueOptions withVisibilityTimeout(Duration value) {
        return new QueueOptions(batchSize, maxDequeueCount, value, maxPollingInterval, lease, newBatchThreshold);
    }

    public QueueOptions withMaxPollingInterval(Duration value) {
        return new QueueOptions(batchSize, maxDequeueCount, visibilityTimeout, value, lease, newBatchThreshold);
    }
}
