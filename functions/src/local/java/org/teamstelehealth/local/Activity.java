package org.teamstelehealth.local;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Counts running invocations (so tests can wait for quiet) and writes the host's one-line logs. */
final class Activity {
    private final AtomicInteger running = new AtomicInteger();
    private final Consumer<String> log;

    Activity(Consumer<String> log) {
        this.log = log;
    }

    void started() {
        running.incrementAndGet();
    }

    void finished() {
        running.decrementAndGet();
    }

    int running() {
        return running.get();
    }

    void log(String line) {
        log.accept(line);
    }
}
