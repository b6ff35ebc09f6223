package org.teamstelehealth.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

    @Test
    void buildsNothingUntilAskedThenOnceForEveryCaller() {
        AtomicInteger builds = new AtomicInteger();
        Lazy<Object> lazy = Lazy.of(() -> {
            builds.incrementAndGet();
            return new Object();
        });
        assertEquals(0, builds.get());

        List<CompletableFuture<Object>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(CompletableFuture.supplyAsync(lazy));
        }
        Object first = callers.get(0).join();

        callers.forEach(c -> assertSame(first, c.join()));
        assertEquals(1, builds.get());
    }

    @Test
    void aBuildThatFailedIsTriedAgainOnTheNextCall() {
        AtomicInteger attempts = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("storage down at first use");
            }
            return "client";
        });

        assertThrows(IllegalStateException.class, lazy::get);
        assertEquals("client", lazy.get());
        assertEquals(2, attempts.get());
    }
}
