package org.teamstelehealth.benchmarks;

import com.azure.storage.queue.QueueClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One storage call at a time, every 20 ms, on a thread of its own (a queue's properties: one GET to Azurite), timed:
 * what any one call waits while the pipeline runs, against the same call with the host idle.
 */
final class StorageProbe implements AutoCloseable {
    private record Call(long startedNanos, long tookNanos) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Thread thread;

    StorageProbe(QueueClient queue) {
        queue.createIfNotExists();
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long at = System.nanoTime();
                queue.getProperties();
                calls.add(new Call(at, System.nanoTime() - at));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "storage-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** The calls started in [{@code fromNanos}, {@code toNanos}): count, p50, p90, max. */
    String report(String what, long fromNanos, long toNanos) {
        List<Long> took = calls.stream().filter(c -> c.startedNanos() >= fromNanos && c.startedNanos() < toNanos)
                .map(Call::tookNanos).sorted().toList();
        if (took.isEmpty()) {
            return "  storage probe, " + what + ": no calls";
        }
        return String.format("  storage probe, %s: %d calls, p50 %.2f ms, p90 %.2f ms, max %.2f ms", what, took.size(),
                at(took, 0.50), at(took, 0.90), took.get(took.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size()))) / 1e6;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
