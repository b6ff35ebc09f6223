package org.teamstelehealth.local;

import com.azure.core.util.Context;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one queue-triggered function the way the Functions host does: receives up to
 * {@code batchSize} messages, runs them in parallel, and receives the next batch once no more than
 * {@code newBatchThreshold} of them still run (so up to {@code batchSize + newBatchThreshold} at once); deletes each on success, makes it visible
 * again after {@code visibilityTimeout} on failure, and moves it to {@code <queue>-poison} once it
 * has failed {@code maxDequeueCount} times. An empty queue is polled less and less often, from
 * 100 ms up to {@code maxPollingInterval}.
 */
final class QueuePoller implements AutoCloseable {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final FunctionDefinition function;
    private final String queueName;
    private final Supplier<QueueClient> queueSupplier;
    private volatile QueueClient queue;
    private final Supplier<QueueClient> poisonQueue;
    private final QueueOptions options;
    private final FunctionInvoker invoker;
    private final Activity activity;
    /** Invocations received and not yet finished; the poller waits on it for the threshold. */
    private int running;
    private final Object runningLock = new Object();
    private final ExecutorService workers;
    private final Thread poller;
    private volatile boolean polling = true;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** The queue is created (if need be) on the polling thread, so start-up does not wait for storage. */
    QueuePoller(FunctionDefinition function, String queueName, Supplier<QueueClient> queue, Supplier<QueueClient> poisonQueue,
            QueueOptions options, FunctionInvoker invoker, Activity activity) {
        this.function = function;
        this.queueName = queueName;
        this.queueSupplier = queue;
        this.poisonQueue = poisonQueue;
        this.options = options;
        this.invoker = invoker;
        this.activity = activity;
        this.workers = Executors.newFixedThreadPool(options.maxConcurrent(), HttpFunctionServer.daemon("queue-" + queueName));
        this.poller = new Thread(this::poll, "local-poll-" + queueName);
        poller.setDaemon(true);
    }

    void start() {
        poller.start();
    }

    String queueName() {
        return queueName;
    }

    @Override
    public void close() {
        polling = false;
        stopped.countDown();
        workers.shutdown();
        HttpFunctionServer.awaitTermination(workers);
        workers.shutdownNow();
    }

    private void poll() {
        Duration backoff = FIRST_BACKOFF;
        while (polling) {
            try {
                if (queue == null) {
                    queue = queueSupplier.get();
                }
                if (!awaitThreshold()) {
                    continue;
                }
                int received = 0;
                for (QueueMessageItem message : queue.receiveMessages(options.batchSize(), options.lease(), null, Context.NONE)) {
                    received++;
                    started();
                    workers.execute(() -> {
                        try {
                            process(message);
                        } finally {
                            finished();
                        }
                    });
                }
                if (received > 0) {
                    backoff = FIRST_BACKOFF;
                } else {
                    if (stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    backoff = min(backoff.multipliedBy(2), options.maxPollingInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!polling) {
                    return;
                }
                activity.log("Polling queue '" + queueName + "' failed (" + e.getClass().getSimpleName() + "); retrying");
                try {
                    stopped.await(Math.max(100, options.maxPollingInterval().toMillis()), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Waits (up to 100 ms) until no more than {@code newBatchThreshold} invocations run; true once they do. */
    private boolean awaitThreshold() throws InterruptedException {
        synchronized (runningLock) {
            if (running > options.newBatchThreshold()) {
                runningLock.wait(100);
            }
            return running <= options.newBatchThreshold();
        }
    }

    private void started() {
        synchronized (runningLock) {
            running++;
        }
    }

    private void finished() {
        synchronized (runningLock) {
            running--;
            runningLock.notifyAll();
        }
    }

    private void process(QueueMessageItem message) {
        activity.started();
        try {
            if (message.getDequeueCount() > options.maxDequeueCount()) {
                poison(message);
                return;
            }
            LocalExecutionContext context = new LocalExecutionContext(function.name());
            long started = System.nanoTime();
            try {
                invoker.invoke(function, triggerValue(message), bindings(message), context);
            } catch (RuntimeException e) {
                activity.log(executed(context, "Failed", started) + " on delivery " + message.getDequeueCount()
                        + " of message " + message.getMessageId() + ": " + HttpFunctionServer.failure(e));
                afterFailure(message);
                return;
            }
            activity.log(executed(context, "Succeeded", started));
            delete(message);
        } catch (RuntimeException e) {
            activity.log("Queue '" + queueName + "': could not settle message " + message.getMessageId() + ": " + e);
        } finally {
            activity.finished();
        }
    }

    private Object triggerValue(QueueMessageItem message) {
        Class<?> type = function.method().getParameterTypes()[function.triggerParameter()];
        return type == byte[].class ? message.getBody().toBytes() : message.getBody().toString();
    }

    private static Map<String, Object> bindings(QueueMessageItem message) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        bindings.put("DequeueCount", message.getDequeueCount());
        bindings.put("Id", message.getMessageId());
        bindings.put("InsertionTime", message.getInsertionTime());
        bindings.put("ExpirationTime", message.getExpirationTime());
        bindings.put("NextVisibleTime", message.getTimeNextVisible());
        bindings.put("PopReceipt", message.getPopReceipt());
        return bindings;
    }

    private void afterFailure(QueueMessageItem message) {
        if (message.getDequeueCount() >= options.maxDequeueCount()) {
            poison(message);
        } else {
            queue.updateMessage(message.getMessageId(), message.getPopReceipt(), null, options.visibilityTimeout());
        }
    }

    private void poison(QueueMessageItem message) {
        poisonQueue.get().sendMessage(message.getBody().toString());
        delete(message);
        activity.log("Message " + message.getMessageId() + " failed " + message.getDequeueCount()
                + " times; moved to '" + queueName + "-poison'");
    }

    private void delete(QueueMessageItem message) {
        try {
            queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
        } catch (com.azure.storage.queue.models.QueueStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
    }

    private String executed(LocalExecutionContext context, String outcome, long startedNanos) {
        return "Executed '" + function.name() + "' (" + outcome + ", Id=" + context.getInvocationId()
                + ", Duration=" + (System.nanoTime() - startedNanos) / 1_000_000 + "ms)";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
