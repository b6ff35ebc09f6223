package org.teamstelehealth.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an invocation's independent round trips (writes to different tables or queues) at the same time, so it waits
 * for the slowest rather than for their sum. Returns only once every one has finished, so whatever comes after (a
 * save that clears an outbox, a queue message deleted) still follows all of them.
 *
 * <p>At most {@value #THREADS_AT_MOST} tasks run on its own threads at once. Its callers are the outbox's sends, the
 * appointment store's schedule and index writes, the reminders' day transactions and the reminders-and-attendance
 * writes after a booking; an invocation hands it a handful of tasks at a time (the last runs on the calling thread,
 * and a booking's reminder transactions run nested inside its reminders-and-attendance pair). The host runs up to
 * {@code batchSize + newBatchThreshold} = 8 + 4 = 12 invocations per queue function (host.json): the appointments
 * function's 12 at about three handed-off tasks each is 36; the bound leaves as much again for the notifications and
 * events functions and the HTTP routes that save appointments. Beyond it nothing waits for a thread: a task the
 * threads cannot take at once runs on the caller (slower, never stuck), so a task that itself calls this class,
 * however busy the threads, cannot deadlock the way it would on a fixed pool with a queue.
 */
public final class Concurrently {
    /** Threads that mostly wait on the network; idle ones end after a minute, as a cached pool's do. */
    static final int THREADS_AT_MOST = 64;

    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final ExecutorService THREADS = new ThreadPoolExecutor(0, THREADS_AT_MOST, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "concurrently-" + NUMBER.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    private Concurrently() {}

    /** {@link #run(List)} of the two. */
    public static void run(Runnable first, Runnable second) {
        run(List.of(first, second));
    }

    /**
     * Runs each task, the last (and any the threads cannot take at once) on the calling thread, and waits for all of
     * them; when any failed, throws the first failure in the list's order (after the others have finished).
     */
    public static void run(List<Runnable> tasks) {
        if (tasks.size() == 1) {
            tasks.get(0).run();
            return;
        }
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (Runnable task : tasks.subList(0, Math.max(0, tasks.size() - 1))) {
            others.add(CompletableFuture.runAsync(task, THREADS));
        }
        Throwable lastFailed = null;
        try {
            if (!tasks.isEmpty()) {
                tasks.get(tasks.size() - 1).run();
            }
        } catch (RuntimeException | Error e) {
            lastFailed = e; // thrown below, once the others have finished too
        }
        Throwable firstFailed = null;
        for (CompletableFuture<Void> other : others) {
            try {
                other.join();
            } catch (CompletionException e) {
                firstFailed = firstFailed != null ? firstFailed : e.getCause() != null ? e.getCause() : e;
            }
        }
        firstFailed = firstFailed != null ? firstFailed : lastFailed;
        if (firstFailed instanceof RuntimeException e) {
            throw e;
        }
        if (firstFailed instanceof Error e) {
            throw e;
        }
    }
}
