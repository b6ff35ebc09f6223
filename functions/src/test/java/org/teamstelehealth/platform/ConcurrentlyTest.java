package org.teamstelehealth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

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
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
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
}
