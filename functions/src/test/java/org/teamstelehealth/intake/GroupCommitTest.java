package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit on its own: who goes in which batch, and who hears what. */
class GroupCommitTest {
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch inFirstCommit = new CountDownLatch(1);
    private final CountDownLatch releaseFirstCommit = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Records each batch; the first waits until released; each item's result is the item upper-cased. */
    private List<String> commit(List<String> items) {
        batches.add(List.copyOf(items));
        if (batches.size() == 1) {
            inFirstCommit.countDown();
            await(releaseFirstCommit);
        }
        if (items.contains("bad")) {
            throw new IllegalStateException("simulated");
        }
        return items.stream().map(String::toUpperCase).toList();
    }

    private final GroupCommit<String, String> commits = new GroupCommit<>(3, item -> item.substring(0, 1), this::commit);

    @Test
    void anItemAloneIsCommittedAtOnceAndAlone() throws Exception {
        releaseFirstCommit.countDown();

        assertEquals("A", commits.submit("a"));
        assertEquals("B", commits.submit("b"));

        assertEquals(List.of(List.of("a"), List.of("b")), batches);
    }

    @Test
    void itemsSubmittedWhileABatchIsInFlightGoTogetherInTheNextAndEachGetsItsOwnResult() throws Exception {
        Future<String> first = inFlight("a");
        List<Future<String>> next = List.of(submit("b"), submit("c"), submit("d"));
        awaitWaiting(3);

        releaseFirstCommit.countDown();

        assertEquals("A", first.get());
        assertEquals(List.of("B", "C", "D"), results(next));
        assertEquals(2, batches.size());
        assertEquals(Set.of("b", "c", "d"), Set.copyOf(batches.get(1)));
    }

    @Test
    void aBatchTakesAtMostItsLimitAndTheRestGoInTheOneAfter() throws Exception {
        Future<String> first = inFlight("a");
        List<Future<String>> next = List.of(submit("b"), submit("c"), submit("d"), submit("e"));
        awaitWaiting(4);

        releaseFirstCommit.countDown();

        assertEquals("A", first.get());
        assertEquals(List.of("B", "C", "D", "E"), results(next));
        assertEquals(List.of(1, 3, 1), batches.stream().map(List::size).toList());
    }

    @Test
    void twoItemsWithTheSameKeyAreNeverInOneBatch() throws Exception {
        Future<String> first = inFlight("a");
        List<Future<String>> next = List.of(submit("x1"), submit("x2"), submit("y"));
        awaitWaiting(3);

        releaseFirstCommit.countDown();

        assertEquals("A", first.get());
        assertEquals(List.of("X1", "X2", "Y"), results(next));
        assertEquals(3, batches.size(), batches.toString());
        for (List<String> batch : batches) {
            assertTrue(batch.stream().map(item -> item.substring(0, 1)).distinct().count() == batch.size(), batches.toString());
        }
    }

    @Test
    void aCommitThatThrowsFailsEveryItemOfItsBatchAndTheNextBatchStillRuns() throws Exception {
        Future<String> first = inFlight("a");
        List<Future<String>> failing = List.of(submit("bad"), submit("c"));
        awaitWaiting(2);

        releaseFirstCommit.countDown();

        assertEquals("A", first.get());
        for (Future<String> item : failing) {
            ExecutionException e = assertThrows(ExecutionException.class, item::get);
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }
        assertEquals("D", commits.submit("d"));
    }

    @Test
    void anItemInterruptedWhileInLineIsWithdrawnAndNeverCommitted() throws Exception {
        Future<String> first = inFlight("a");
        Future<String> withdrawn = submit("w");
        awaitWaiting(1);

        withdrawn.cancel(true);
        awaitWaiting(0);
        Future<String> after = submit("z");
        awaitWaiting(1);
        releaseFirstCommit.countDown();

        assertEquals("A", first.get());
        assertEquals("Z", after.get());
        assertEquals(List.of(List.of("a"), List.of("z")), batches);
    }

    /** Submits the item and returns once its commit is in flight, holding any others back. */
    private Future<String> inFlight(String item) {
        Future<String> future = submit(item);
        await(inFirstCommit);
        return future;
    }

    private Future<String> submit(String item) {
        return pool.submit(() -> commits.submit(item));
    }

    private void awaitWaiting(int items) throws InterruptedException {
        WireTable.await(() -> commits.waiting() == items, items + " items wait");
    }

    private static List<String> results(List<Future<String>> futures) throws Exception {
        List<String> results = new ArrayList<>();
        for (Future<String> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
