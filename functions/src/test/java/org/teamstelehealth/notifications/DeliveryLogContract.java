package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.notifications.Delivery.Channel;

/**
 * What every {@link DeliveryLog} does (the conditional insert is what makes "sending" a claim);
 * {@link InMemoryDeliveryLogTest} and {@link TableDeliveryLogTest} run it.
 */
abstract class DeliveryLogContract {
    private DeliveryLog log;
    /** Each test its own appointment, so tests may share a log. */
    private String appointmentId = "log-" + UUID.randomUUID();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** A log holding no deliveries of the appointments the tests make up. */
    protected abstract DeliveryLog newLog();

    @BeforeEach
    void setUp() {
        log = newLog();
    }

    private Delivery sending(String key, Channel channel, Instant at) {
        return new Delivery(appointmentId, key, Kind.INVITATION, 0, channel, DeliveryStatus.SENDING,
                UUID.randomUUID().toString(), at, 1, "+614•••••919", 2, "UCS2", null, null, at, null);
    }

    @Test
    void onlyTheFirstInsertForAKeyWinsAndEveryFieldRoundTrips() {
        Delivery first = sending("INVITATION-0-sms", Channel.SMS, now);
        assertTrue(log.insert(first).isPresent());
        assertTrue(log.insert(sending("INVITATION-0-sms", Channel.SMS, now)).isEmpty(), "a second worker does not claim it");

        Delivery stored = log.find(appointmentId, "INVITATION-0-sms").orElseThrow();
        assertEquals(first.withEtag(stored.etag()), stored);
        assertNotNull(stored.etag());
        assertTrue(log.find(appointmentId, "INVITATION-0-email").isEmpty());
    }

    @Test
    void severalKeysAreReadAtOnceAndOnlyTheRecordedOnesOfThatAppointmentAreFound() {
        appointmentId = appointmentId + "/x#'";
        Delivery sms = sending("INVITATION-0-sms", Channel.SMS, now);
        log.insert(sms);
        log.insert(sending("UPDATE-1-email", Channel.EMAIL, now));

        var found = log.find(appointmentId, List.of("INVITATION-0-sms", "INVITATION-0-email"));

        assertEquals(List.of("INVITATION-0-sms"), List.copyOf(found.keySet()));
        assertEquals(sms.withEtag(found.get("INVITATION-0-sms").etag()), found.get("INVITATION-0-sms"));
        assertTrue(log.find("log-none-" + UUID.randomUUID(), List.of("INVITATION-0-sms")).isEmpty());
    }

    @Test
    void aDeliveryIsFoundByTheOperationIdItIsSentUnderWithItsContentHash() {
        Delivery sent = sending("INVITATION-0-email", Channel.EMAIL, now);
        Delivery hashed = new Delivery(sent.appointmentId(), sent.key(), sent.kind(), sent.sequence(), sent.channel(),
                sent.status(), sent.operationId(), sent.firstAttemptAt(), sent.attempts(), sent.recipientHint(),
                sent.segments(), sent.encoding(), null, null, sent.updatedAt(), "hash-of-content", null);
        log.insert(hashed);
        Delivery found = log.findByOperationId(sent.operationId()).orElseThrow();
        assertEquals(sent.key(), found.key());
        assertEquals("hash-of-content", found.contentHash());
        assertTrue(log.findByOperationId(UUID.randomUUID().toString()).isEmpty());
    }

    @Test
    void aRenewedDeliveryKeepsWhenItWasFirstRecorded() {
        Delivery first = log.insert(sending("INVITATION-0-sms", Channel.SMS, now)).orElseThrow();
        log.update(first.renewed(UUID.randomUUID().toString(), now.plusSeconds(600), null));

        Delivery stored = log.find(appointmentId, "INVITATION-0-sms").orElseThrow();
        assertEquals(now.plusSeconds(600), stored.firstAttemptAt(), "what ACS is told");
        assertEquals(now, stored.createdAt(), "what its retry time is counted from");
    }

    @Test
    void updatesAreVisibleToTheAdminStatusInOrder() {
        log.insert(sending("INVITATION-0-sms", Channel.SMS, now));
        Delivery email = log.insert(sending("INVITATION-0-email", Channel.EMAIL, now.plusMillis(5))).orElseThrow();
        log.insert(sending("UPDATE-1-sms", Channel.SMS, now.plusSeconds(60)));
        log.update(email.with(DeliveryStatus.FAILED, "Email: ACS answered HTTP 400 [InvalidRecipient]", now.plusSeconds(1)));

        List<Delivery> all = log.forAppointment(appointmentId);
        assertEquals(List.of("INVITATION-0-sms", "INVITATION-0-email", "UPDATE-1-sms"), all.stream().map(Delivery::key).toList());
        assertEquals(DeliveryStatus.FAILED, all.get(1).status());
        assertEquals("Email: ACS answered HTTP 400 [InvalidRecipient]", all.get(1).reason());
        assertEquals(0, log.forAppointment("log-none-" + UUID.randomUUID()).size());
    }

    @Test
    void appointmentIdsWithCharactersKeysForbidAreKeptApart() {
        String plain = appointmentId;
        appointmentId = plain + "/x#?%2F\t";
        Delivery odd = sending("INVITATION-0-sms", Channel.SMS, now);

        assertTrue(log.insert(odd).isPresent());

        assertEquals(odd.appointmentId(), log.find(odd.appointmentId(), odd.key()).orElseThrow().appointmentId());
        assertEquals(List.of(odd.appointmentId()),
                log.forAppointment(odd.appointmentId()).stream().map(Delivery::appointmentId).toList());
        assertTrue(log.find(plain + "%2Fx%23%3F%252F%09", odd.key()).isEmpty());
        assertTrue(log.forAppointment(plain).isEmpty());
    }

    @Test
    void purgingAnAppointmentRemovesAllItsDeliveriesAndNoOthers() {
        log.insert(sending("INVITATION-0-sms", Channel.SMS, now));
        log.insert(sending("INVITATION-0-email", Channel.EMAIL, now));
        String other = appointmentId;
        appointmentId = "log-" + UUID.randomUUID();
        log.insert(sending("INVITATION-0-sms", Channel.SMS, now));

        assertEquals(2, log.purge(other));

        assertEquals(List.of(), log.forAppointment(other));
        assertEquals(1, log.forAppointment(appointmentId).size());
        assertEquals(0, log.purge(other), "a second run finds nothing");
    }
}
