package org.teamstelehealth.intake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Group commit: items submitted while a batch is being committed wait, and go together in the next
 * batch, so N concurrent callers cost about N / (batch size) commits instead of N. There is no timer:
 * a caller that finds no batch in flight commits at once, alone, so an idle system waits for nothing.
 *
 * <p>The thread whose item is first in line when no batch is in flight commits the batch for
 * everyone in it (the leader); the others wait for their own result. A batch holds at most
 * {@code maxBatch} items and never two with the same key (a transaction may touch an entity only
 * once): a second item with a key already in the batch waits for the next one.
 *
 * @param <I> what is submitted
 * @param <O> what one item's commit came to
 */
final class GroupCommit<I, O> {

    /** Commits a batch: one result per item, in the items' order. */
    @FunctionalInterface
    interface Commit<I, O> {
        List<O> commit(List<I> items);
    }

    private enum State { WAITING, TAKEN, DONE }

    private final class Pending {
        final I item;
        State state = State.WAITING;
        O result;
        Throwable failure;

        Pending(I item) {
            this.item = item;
        }
    }

    private final int maxBatch;
    private final Function<I, ?> key;
    private final Commit<I, O> commit;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private boolean committing;

    /**
     * @param maxBatch the most items one commit may take
     * @param key what two items of one batch must not share
     */
    GroupCommit(int maxBatch, Function<I, ?> key, Commit<I, O> commit) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.key = key;
        this.commit = commit;
    }

    /**
     * Commits the item, alone or with others submitted meanwhile, and returns what its commit came to.
     *
     * @throws InterruptedException if interrupted while still waiting in line; the item was then not
     *     committed. Once its batch has been sent the result is awaited whatever happens.
     * @throws IllegalStateException if the commit of its batch failed unexpectedly (threw)
     */
    O submit(I item) throws InterruptedException {
        Pending pending = new Pending(item);
        List<Pending> batch;
        synchronized (this) {
            waiting.add(pending);
            awaitTurn(pending);
            if (pending.state == State.DONE) {
                return outcome(pending);
            }
            committing = true;
            batch = take(pending);
        }
        commitAndHandOut(batch);
        return outcome(pending);
    }

    /** How many items are in line, not yet in a batch. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Waits until the item's result is in, or it may lead the next batch. */
    private void awaitTurn(Pending pending) throws InterruptedException {
        boolean interrupted = false;
        while (pending.state == State.TAKEN || (pending.state == State.WAITING && committing)) {
            try {
                wait();
            } catch (InterruptedException e) {
                if (pending.state == State.WAITING) {
                    waiting.remove(pending);
                    notifyAll();
                    throw e;
                }
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The leader's item first, then those in line in order, skipping keys already taken. */
    private List<Pending> take(Pending leader) {
        List<Pending> batch = new ArrayList<>();
        Set<Object> keys = new HashSet<>();
        waiting.remove(leader);
        leader.state = State.TAKEN;
        batch.add(leader);
        keys.add(key.apply(leader.item));
        for (Iterator<Pending> line = waiting.iterator(); line.hasNext() && batch.size() < maxBatch; ) {
            Pending next = line.next();
            if (keys.add(key.apply(next.item))) {
                line.remove();
                next.state = State.TAKEN;
                batch.add(next);
            }
        }
        return batch;
    }

    private void commitAndHandOut(List<Pending> batch) {
        List<O> results = null;
        Throwable failure = null;
        try {
            results = commit.commit(batch.stream().map(p -> p.item).toList());
            if (results.size() != batch.size()) {
                failure = new IllegalStateException(results.size() + " results for a batch of " + batch.size());
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        synchronized (this) {
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                p.failure = failure;
                p.result = failure == null ? results.get(i) : null;
                p.state = State.DONE;
            }
            committing = false;
            notifyAll();
        }
    }

    private O outcome(Pending pending) {
        if (pending.failure != null) {
            throw new IllegalStateException("The batch could not be committed", pending.failure);
        }
        return pending.result;
    }
}
