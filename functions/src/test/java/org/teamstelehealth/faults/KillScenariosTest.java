package org.teamstelehealth.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.NotificationIntent;

/**
 * The local host's JVM really killed (SIGKILL) at a named point, then started again on the same Azurite data,
 * with the PMS sending again what got no answer; the end state ({@link EndState}) is as if nothing had happened.
 * The stand-ins live in the test's JVM, so Graph's meetings and ACS's outbox survive the kill.
 */
@Timeout(240)
class KillScenariosTest {
    private final KillSwitch graphKill = new KillSwitch("graph-kill");
    private final KillSwitch acsKill = new KillSwitch("acs-kill");
    private final FaultRig rig = new FaultRig(graphKill, acsKill);
    private HostProcess host;
    private KillingProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (host != null) {
            host.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        rig.close();
    }

    private void startHost(String name) throws Exception {
        host = new HostProcess(rig.values, name);
        host.start();
        rig.baseUrl(host.baseUrl());
    }

    /** Sends, waits for the kill, restarts, sends again what was unanswered, and checks the end state. */
    private void killedAndRestarted(Pms pms, java.util.function.BooleanSupplier fired) throws Exception {
        List<Object[]> unanswered = pms.sendAll(4, true);
        Instant deadline = Instant.now().plusSeconds(60);
        while (host.alive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertTrue(fired.getAsBoolean(), "the kill point was reached");
        assertFalse(host.alive(), "the host was killed");
        host.start();
        unanswered = pms.send(unanswered, 4, false);
        assertEquals(List.of(), unanswered);
        awaitQuiet(Duration.ofSeconds(90));
        assertEquals(List.of(), new EndState(rig, pms.newest()).problems());
    }

    @Test
    void killedAfterGraphAnsweredBeforeTheRowWrite() throws Exception {
        startHost("after-graph");
        graphKill.arm(e -> KillSwitch.post(e, "/v1\\.0/users/.+/onlineMeetings/createOrGet", 201), host::kill);
        killedAndRestarted(new Pms(rig, 23).appointments(3, 2, 0), graphKill::fired);
    }

    @Test
    void killedAfterAcsAcceptedAnSmsBeforeItWasRecorded() throws Exception {
        startHost("after-sms");
        acsKill.arm(e -> KillSwitch.post(e, "/sms", 202), host::kill);
        killedAndRestarted(new Pms(rig, 29).appointments(3, 2, 0), acsKill::fired);
    }

    @Test
    void killedAfterAcsAcceptedAnEmailBeforeItWasRecorded() throws Exception {
        startHost("after-email");
        acsKill.arm(e -> KillSwitch.post(e, "/emails:send", 202), host::kill);
        killedAndRestarted(new Pms(rig, 31).appointments(3, 2, 0), acsKill::fired);
    }

    @Test
    void killedBetweenTheRowWriteAndTheNotificationEnqueue() throws Exception {
        Azurite azurite = Azurite.shared();
        proxy = new KillingProxy(azurite.queuePort(),
                "POST /" + Azurite.ACCOUNT + "/" + NotificationIntent.QUEUE + "/messages");
        rig.values.put("AzureWebJobsStorage", Azurite.connectionString(proxy.port(), azurite.tablePort()));
        startHost("before-enqueue");
        proxy.arm(host::kill);
        killedAndRestarted(new Pms(rig, 37).appointments(3, 2, 0), proxy::fired);
    }

    @Test
    void killedInTheMiddleOfABatch() throws Exception {
        startHost("mid-batch");
        AtomicInteger made = new AtomicInteger();
        graphKill.arm(e -> KillSwitch.post(e, "/v1\\.0/users/.+/onlineMeetings/createOrGet", 201)
                && made.incrementAndGet() == 4, host::kill);
        killedAndRestarted(new Pms(rig, 41).appointments(10, 1, 0), graphKill::fired);
    }

    /** Both queues empty (visible or not) three polls in a row: nothing held, nothing waiting to be retried. */
    private void awaitQuiet(Duration timeout) throws InterruptedException {
        Application reader = rig.reader();
        Instant deadline = Instant.now().plus(timeout);
        int quiet = 0;
        while (quiet < 3) {
            int pending = reader.storage().queue(AppointmentMessage.QUEUE).getProperties().getApproximateMessagesCount()
                    + reader.storage().queue(NotificationIntent.QUEUE).getProperties().getApproximateMessagesCount();
            quiet = pending == 0 ? quiet + 1 : 0;
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Still " + pending + " messages after " + timeout);
            }
            Thread.sleep(300);
        }
    }
}
