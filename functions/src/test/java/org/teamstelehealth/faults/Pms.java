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
            for (Object[] post : posts) {
                long delay = spreadMillis == 0 ? 0 : (long) (random.nextDouble() * spreadMillis);
                answers.add(pool.submit(() -> {
                    Thread.sleep(delay);
                    return rig.post((ObjectNode) post[0], (String) post[1]);
                }));
            }
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
}
