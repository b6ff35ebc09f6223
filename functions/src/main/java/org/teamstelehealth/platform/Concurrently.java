package org.teamstelehealth.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an invocation's independent round trips (writes to different tables or queues) at the same time, so it waits
 * for the slowest rather than for their sum. Returns only once every one has finished, so whatever comes after (a
 * save that clears an outbox, a queue message deleted) still follows all of them.
 */
public final class Concurrently {
    private static final AtomicInteger NUMBER = new AtomicInteger();
    /** Threads that mostly wait on the network; as many as are waiting at once (a few per running invocation). */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "concurrently-" + NUMBER.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private Concurrently() {}

    /** {@link #run(List)} of the two. */
    public static void run(Runnable first, Runnable second) {
        run(List.of(first, second));
    }

    /**
     * Runs each task, the last on the calling thread, and waits for all of them; when any failed, throws the first
     * failure in the list's order (after the others have finished).
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
        RuntimeException lastFailed = null;
        try {
            if (!tasks.isEmpty()) {
                tasks.get(tasks.size() - 1).run();
            }
        } catch (RuntimeException e) {
            lastFailed = e;
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
