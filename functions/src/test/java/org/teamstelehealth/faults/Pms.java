package org.teamstelehealth.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.teamstelehealth.messages.Snapshot;

/**
 * A PMS at its worst: each appointment's versions sent in a shuffled order, each one three times (twice under
 * its webhook-id, as a retrying sender does, and once more as a new event), all appointments interleaved and
 * posted concurrently.
 */
final class Pms {
    private final FaultRig rig;
    private final Random random;
    /** Each appointment's versions, oldest first. */
    final Map<String, List<ObjectNode>> versions = new LinkedHashMap<>();

    private long spreadMillis;

    /** Each post waits a random time up to {@code spread} before it goes (0, the default: at once). */
    Pms spreadOver(java.time.Duration spread) {
        // A PMS spreading its posts over minutes also does what the contract asks of it on a 503: retries after
        // Retry-After (intake answers so when storage is saturated, and has then stored nothing).
        this.spreadMillis = spread.toMillis();
        return this;
    }

    Pms(FaultRig rig, long seed) {
        this.rig = rig;
        this.random = new Random(seed);
    }

    /**
     * {@code count} appointments of {@code versions} versions each (made, then moved); every {@code cancelEvery}th
     * (0: none) ends with a cancellation as its newest version.
     */
    Pms appointments(int count, int versionsEach, int cancelEvery) {
        for (int i = 0; i < count; i++) {
            int n = rig.nextNumber();
            String id = rig.id(n);
            List<ObjectNode> list = new ArrayList<>();
            for (int v = 1; v <= versionsEach; v++) {
                boolean cancelled = cancelEvery > 0 && i % cancelEvery == 0 && v == versionsEach;
                list.add(FaultRig.snapshot(id, n, v, cancelled));
            }
            versions.put(id, list);
        }
        return this;
    }

    Map<String, Snapshot> newest() {
        Map<String, Snapshot> newest = new LinkedHashMap<>();
        versions.forEach((id, list) -> newest.put(id, FaultRig.parse(list.get(list.size() - 1))));
        return newest;
    }

    /**
     * Posts every version three times, shuffled, on {@code threads} threads; every post must be answered 202
     * or 200 (a repeated webhook-id), as long as storage is up.
     */
    void sendAll(int threads) throws Exception {
        List<Object[]> unanswered = sendAll(threads, false);
        assertTrue(unanswered.isEmpty(), unanswered.size() + " posts unanswered");
    }

    /**
     * As {@link #sendAll(int)}; with {@code hostMayDie}, posts the host could not answer (it was killed) are
     * returned for the PMS to send again, as a PMS retries a webhook it got no answer for.
     */
    List<Object[]> sendAll(int threads, boolean hostMayDie) throws Exception {
        List<Object[]> posts = new ArrayList<>();
        versions.forEach((id, list) -> list.forEach(body -> {
            String webhookId = "msg_" + id + "_v" + body.at("/appointment/version").asLong();
            posts.add(new Object[] {body, webhookId});
            posts.add(new Object[] {body, webhookId});
            posts.add(new Object[] {body, webhookId + "_again"});
        }));
        Collections.shuffle(posts, random);
        return send(posts, threads, hostMayDie);
    }

    /** Posts these (body, webhook-id) pairs again; returns the ones still unanswered. */
    List<Object[]> send(List<Object[]> posts, int threads, boolean hostMayDie) throws Exception {
        List<Object[]> unanswered = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            // Each post is due at its own moment of the spread, measured from one start: sleeping a delay on a pooled
            // thread instead would add up the delays of every post that thread takes (hours, not minutes). Posts go
            // to the pool in the order they fall due.
            long start = System.nanoTime();
            long[] due = new long[posts.size()];
            for (int i = 0; i < due.length; i++) {
                due[i] = spreadMillis == 0 ? 0 : (long) (random.nextDouble() * spreadMillis);
            }
            Integer[] order = new Integer[posts.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> due[i]));
            List<Object[]> inOrder = new ArrayList<>();
            for (int i : order) {
                Object[] post = posts.get(i);
                long dueNanos = start + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(due[i]);
                inOrder.add(post);
                answers.add(pool.submit(() -> {
                    long wait = dueNanos - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    return postRetryingUnavailable((ObjectNode) post[0], (String) post[1]);
                }));
            }
            posts = inOrder;
            for (int i = 0; i < answers.size(); i++) {
                Future<HttpResponse<String>> answer = answers.get(i);
                try {
                    answer.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (hostMayDie && e.getCause() instanceof java.io.IOException) {
                        unanswered.add(posts.get(i));
                        continue;
                    }
                    throw e;
                }
                int status = answer.get().statusCode();
                assertTrue(status == 202 || status == 200, "intake answered " + status + ": " + answer.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        return unanswered;
    }

    /** Posts once, or, in a spread-out run, again after each 503's Retry-After (at most five times). */
    private HttpResponse<String> postRetryingUnavailable(ObjectNode body, String webhookId) throws Exception {
        HttpResponse<String> answer = rig.post(body, webhookId);
        for (int retry = 0; spreadMillis > 0 && answer.statusCode() == 503 && retry < 5; retry++) {
            long seconds = answer.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
            Thread.sleep(java.util.concurrent.TimeUnit.SECONDS.toMillis(Math.min(seconds, 30)));
            answer = rig.post(body, webhookId);
        }
        return answer;
    }
}
