package org.teamstelehealth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

class ConcurrentlyTest {

    @Test
    void theTasksRunAtTheSameTime() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Runnable waitForTheOther = () -> {
            bothStarted.countDown();
            try {
                assertTrue(bothStarted.await(10, TimeUnit.SECONDS), "the other task ran meanwhile");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };

        Concurrently.run(waitForTheOther, waitForTheOther);

        assertEquals(0, bothStarted.getCount());
    }

    @Test
    void aFailureIsThrownOnlyOnceTheOthersHaveFinished() {
        IllegalStateException failure = new IllegalStateException("storage down");
        AtomicBoolean slowOneDone = new AtomicBoolean();
        Runnable slow = () -> {
            pause(200);
            slowOneDone.set(true);
        };

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Concurrently.run(List.of(() -> {
                    throw failure;
                }, slow)));

        assertSame(failure, thrown);
        assertTrue(slowOneDone.get(), "what comes next (clearing an outbox) waits for every task");
    }

    @Test
    void noTasksAndOneTaskNeedNoThread() {
        Concurrently.run(List.of());
        Thread[] ranOn = new Thread[1];
        Concurrently.run(List.of(() -> ranOn[0] = Thread.currentThread()));
        assertSame(Thread.currentThread(), ranOn[0]);
    }

    @Test
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD) // join() ignores interrupts; a hang fails here
    void moreTasksThanThreadsAllRunWithNoMoreThanTheBoundOnItsThreads() {
        Thread caller = Thread.currentThread();
        AtomicInteger onItsThreads = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < 3 * Concurrently.THREADS_AT_MOST; i++) {
            tasks.add(() -> {
                boolean pooled = Thread.currentThread() != caller;
                if (pooled) {
                    mostAtOnce.accumulateAndGet(onItsThreads.incrementAndGet(), Math::max);
                }
                pause(20);
                if (pooled) {
                    onItsThreads.decrementAndGet();
                }
                finished.incrementAndGet();
            });
        }

        Concurrently.run(tasks);

        assertEquals(tasks.size(), finished.get());
        assertTrue(mostAtOnce.get() <= Concurrently.THREADS_AT_MOST, "at most the bound at once: " + mostAtOnce);
    }

    @Test
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD) // a fixed pool with a queue would hang here
    void tasksThatCallItThemselvesFinishWhenEveryThreadIsTaken() {
        AtomicInteger innerFinished = new AtomicInteger();
        Runnable inner = () -> {
            pause(10);
            innerFinished.incrementAndGet();
        };
        List<Runnable> outer = new ArrayList<>();
        int outerCount = Concurrently.THREADS_AT_MOST + 2;
        for (int i = 0; i < outerCount; i++) {
            outer.add(() -> {
                pause(50); // the other outer tasks take the remaining threads meanwhile
                Concurrently.run(inner, inner);
            });
        }

        Concurrently.run(outer);

        assertEquals(2 * outerCount, innerFinished.get());
    }

    @Test
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
    void theFirstFailureInTheListIsThrownAfterEveryTaskWhenTheThreadsAreTaken() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException later = new IllegalStateException("later, run on the caller");
        AtomicInteger finished = new AtomicInteger();
        List<Runnable> tasks = new ArrayList<>();
        tasks.add(() -> {
            pause(20);
            throw first;
        });
        for (int i = 1; i < Concurrently.THREADS_AT_MOST + 10; i++) {
            tasks.add(i == Concurrently.THREADS_AT_MOST + 5 ? () -> {
                throw later;
            } : () -> {
                pause(20);
                finished.incrementAndGet();
            });
        }

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Concurrently.run(tasks));

        assertSame(first, thrown);
        assertEquals(tasks.size() - 2, finished.get(), "every other task finished before it was thrown");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
