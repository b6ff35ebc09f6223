package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.notifications.Delivery.Channel;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.MutableClock;

class NotificationServiceTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    /** Retried for an hour; 60 s, doubling, at most 5 minutes, without Retry-After. */
    private static final DeliveryBackoff BACKOFF = new DeliveryBackoff(Duration.ofHours(1), Duration.ofSeconds(60),
            Duration.ofMinutes(5));
    private final Fakes.Sms sms = new Fakes.Sms();
    private final Fakes.Email email = new Fakes.Email();
    private final InMemoryDeliveryLog log = new InMemoryDeliveryLog();
    private final Fakes.Retries retries = new Fakes.Retries();
    private final InMemoryTemplateStore store = new InMemoryTemplateStore();
    private final InMemorySmsContacts contacts = new InMemorySmsContacts();
    private final SmsNumbers numbers = new SmsNumbers(contacts, new PhoneKeys(new byte[32]));
    private final MutableClock clock = new MutableClock(NOW);
    private final NotificationService service = service(Optional.of(sms), Optional.of(email));

    private NotificationService service(Optional<SmsSender> smsSender, Optional<EmailSender> emailSender) {
        MessageContent content = new MessageContent(new JoinLinks(new byte[32], URI.create("https://t.example.org/api")),
                Locale.forLanguageTag("en-AU"), Optional.of("DoNotReply@clinic.example"));
        return new NotificationService(smsSender, emailSender, log, new Templates(store), content, retries,
                clock, BACKOFF, numbers);
    }

    private static NotificationIntent intent(String example, Kind kind) {
        Snapshot snapshot = ContractExamples.snapshot(example);
        return new NotificationIntent(snapshot.id(), kind, 0, snapshot, "https://teams.microsoft.com/l/meetup-join/abc", "");
    }

    private Delivery row(String appointmentId, String key) {
        return log.find(appointmentId, key).orElseThrow();
    }

    @Test
    void anOptedOutNumberGetsNoSmsButTheEmailStillGoesAndTheStatusSaysWhy() {
        contacts.setOptOut(numbers.key("+61415100919").orElseThrow(), new SmsContacts.OptOut(true, NOW.minusSeconds(60)));

        service.handle(intent("created.json", Kind.INVITATION));

        assertEquals(0, sms.sent.size());
        assertEquals(1, email.sent.size());
        assertEquals(DeliveryStatus.SKIPPED, row("47", "INVITATION-0-sms").status());
        assertEquals(SmsNumbers.OPTED_OUT, row("47", "INVITATION-0-sms").reason());
        assertTrue(row("47", "INVITATION-0-sms").reason().startsWith("opted out"));
    }

    @Test
    void aNumberThatSentStartAfterStopGetsSmsAgain() {
        String key = numbers.key("+61415100919").orElseThrow();
        contacts.setOptOut(key, new SmsContacts.OptOut(true, NOW.minusSeconds(120)));
        contacts.setOptOut(key, new SmsContacts.OptOut(false, NOW.minusSeconds(60)));

        service.handle(intent("created.json", Kind.INVITATION));

        assertEquals(1, sms.sent.size());
    }

    @Test
    void eachNumberAnSmsGoesToIsRememberedWithItsAppointmentUnderAKeyedHashNotTheNumber() {
        service.handle(intent("created.json", Kind.INVITATION));

        assertEquals(List.of("47"), contacts.appointments(numbers.key("+61 415 100 919").orElseThrow()));
        assertTrue(contacts.keys().stream().noneMatch(key -> key.contains("415100919")), contacts.keys().toString());
        assertFalse(contacts.keys().contains(new PhoneKeys(new byte[] {1}).of("+61415100919").orElseThrow()),
                "another key gives other storage keys");
    }

    @Test
    void bothChannelsAreSentOnceAndRecordedWithSegments() {
        NotificationIntent intent = intent("created.json", Kind.INVITATION);
        assertInstanceOf(NotificationService.Outcome.Done.class, service.handle(intent));
        assertEquals(1, sms.sent.size());
        assertEquals("+61415100919", sms.sent.get(0).to());
        assertEquals(1, email.sent.size());
        assertEquals("clintel.test@example.com", email.sent.get(0).to().get(0));
        assertEquals("invite.ics", email.sent.get(0).attachments().get(0).name());
        assertEquals("text/calendar", email.sent.get(0).attachments().get(0).contentType());

        Delivery text = row("47", "INVITATION-0-sms");
        assertEquals(DeliveryStatus.SENT, text.status());
        assertEquals("msg-1", text.providerMessageId());
        assertEquals(SmsSegments.of(sms.sent.get(0).text()).segments(), text.segments());
        assertEquals("GSM7", text.encoding());
        assertEquals("+614•••••919", text.recipientHint());
        assertEquals(DeliveryStatus.SENT, row("47", "INVITATION-0-email").status());
    }

    @Test
    void aQuotedLocalPartIsSentWithAnInviteThatCarriesItPercentEncoded() {
        NotificationIntent intent = withPatientEmail(intent("created.json", Kind.INVITATION), "\"john..doe\"@example.com");

        assertInstanceOf(NotificationService.Outcome.Done.class, service.handle(intent));

        assertEquals(DeliveryStatus.SENT, row("47", "INVITATION-0-email").status());
        String ics = org.teamstelehealth.calendar.IcsFolding.unfold(new String(
                email.sent.get(0).attachments().get(0).content(), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(ics.matches("(?s).*\r\nATTENDEE;[^\r]*:mailto:%22john\\.\\.doe%22@example\\.com\r\n.*"), ics);
    }

    @Test
    void anAddressThatCannotBeACalendarAddressIsAFailedDeliveryWhoseReasonDoesNotQuoteIt() {
        NotificationIntent intent = withPatientEmail(intent("created.json", Kind.INVITATION),
                "john.doe@example.com\r\nBcc: someone@example.net");

        assertInstanceOf(NotificationService.Outcome.Done.class, service.handle(intent));

        Delivery failed = row("47", "INVITATION-0-email");
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertTrue(failed.reason().contains("calendar"), failed.reason());
        assertFalse(failed.reason().contains("john") || failed.reason().contains("example"), failed.reason());
        assertEquals(List.of(), email.sent);
        assertEquals(DeliveryStatus.SENT, row("47", "INVITATION-0-sms").status(), "the SMS still goes");
    }

    private static NotificationIntent withPatientEmail(NotificationIntent intent, String address) {
        Snapshot s = intent.snapshot();
        Snapshot.Patient p = s.patient();
        Snapshot.Patient patient = new Snapshot.Patient(p.id(), p.mrn(), p.title(), p.givenName(), p.familyName(),
                p.displayName(), p.mobilePhone(), address, p.contactPreference());
        return new NotificationIntent(intent.appointmentId(), intent.kind(), intent.sequence(),
                org.teamstelehealth.testing.Appointments.withPatient(s, patient), intent.teamsJoinUrl(), intent.linkNonce());
    }

    @Test
    void aRedeliveredIntentSendsNothingMore() {
        NotificationIntent intent = intent("created.json", Kind.INVITATION);
        service.handle(intent);
        service.handle(intent);
        assertEquals(1, sms.sent.size());
        assertEquals(1, email.sent.size());
    }

    @Test
    void aWorkerThatLosesTheFirstRecordToAConcurrentOneLeavesTheSendingToItAndSendsNothing() {
        // The same intent delivered twice at once (re-enqueued after a crash): the other worker recorded the
        // delivery between this one's look-up and its insert, built its email two seconds earlier, and is sending.
        InMemoryDeliveryLog shared = new InMemoryDeliveryLog();
        DeliveryLog racing = new DeliveryLog() {
            public Optional<Delivery> find(String appointmentId, String key) { return shared.find(appointmentId, key); }
            public Optional<Delivery> insert(Delivery mine) {
                Instant theirs = NOW.minusSeconds(2);
                shared.insert(new Delivery(mine.appointmentId(), mine.key(), mine.kind(), mine.sequence(), mine.channel(),
                        DeliveryStatus.SENDING, "op-of-the-other-worker", theirs, 1, null, 0, null, null, null, theirs,
                        "fingerprint-of-their-message", null));
                return shared.insert(mine);
            }
            public Delivery update(Delivery delivery) { return shared.update(delivery); }
            public Optional<Delivery> findByOperationId(String id) { return shared.findByOperationId(id); }
            public List<Delivery> forAppointment(String appointmentId) { return shared.forAppointment(appointmentId); }
            public int purge(String appointmentId) { return shared.purge(appointmentId); }
        };
        MessageContent content = new MessageContent(new JoinLinks(new byte[32], URI.create("https://t.example.org/api")),
                Locale.forLanguageTag("en-AU"), Optional.of("DoNotReply@clinic.example"));
        NotificationService loser = new NotificationService(Optional.of(sms), Optional.of(email), racing,
                new Templates(store), content, retries, Clock.fixed(NOW, ZoneOffset.UTC), BACKOFF, numbers);

        assertInstanceOf(NotificationService.Outcome.Done.class, loser.handle(intent("created.json", Kind.INVITATION)));

        assertEquals(List.of(), email.sent, "no second email under a new operation id");
        assertEquals(List.of(), sms.sent);
        assertEquals("op-of-the-other-worker", shared.find("47", "INVITATION-0-email").orElseThrow().operationId());
    }

    @Test
    void aDeliveryLeftSendingByACrashIsSentAgainWithTheSameOperationId() {
        NotificationIntent intent = intent("created.json", Kind.INVITATION);
        Instant crashedAt = NOW.minusSeconds(40);
        log.insert(new Delivery("47", "INVITATION-0-sms", Kind.INVITATION, 0, Channel.SMS, DeliveryStatus.SENDING,
                "op-before-crash", crashedAt, 1, null, 1, "GSM7", null, null, crashedAt, null));

        service.handle(intent);

        assertEquals(1, sms.sent.size());
        assertEquals("op-before-crash", sms.sent.get(0).operationId());
        assertEquals(crashedAt, sms.sent.get(0).firstAttemptAt());
        assertEquals(DeliveryStatus.SENT, row("47", "INVITATION-0-sms").status());
        assertEquals(2, row("47", "INVITATION-0-sms").attempts());
        assertTrue(email.asked.isEmpty(), "the email had no earlier attempt to ask ACS about");
    }

    @Test
    void anSmsFirstTriedLongerAgoThanAcsTracksGoesUnderAFreshIdNotTheOldIdRestamped() {
        NotificationIntent intent = intent("created.json", Kind.INVITATION);
        Instant longAgo = NOW.minus(Duration.ofMinutes(10));
        log.insert(new Delivery("47", "INVITATION-0-sms", Kind.INVITATION, 0, Channel.SMS, DeliveryStatus.RETRYING,
                "op-long-ago", longAgo, 1, null, 1, "GSM7", null, null, longAgo, null));

        service.handle(intent);

        SmsSender.Sms sent = sms.sent.get(0);
        assertTrue(!sent.operationId().equals("op-long-ago"), "a fresh repeatability id");
        assertEquals(NOW, sent.firstAttemptAt(), "first sent now, under the new id");
        Delivery row = row("47", "INVITATION-0-sms");
        assertEquals(sent.operationId(), row.operationId(), "the record names the id it was sent under");
        assertEquals(DeliveryStatus.SENT, row.status());
    }

    @Test
    void anSmsWhoseDeliveryReportAlreadyCameIsNotSentAgainHoweverOld() {
        NotificationIntent intent = intent("created.json", Kind.INVITATION);
        Instant longAgo = NOW.minus(Duration.ofMinutes(10));
        log.insert(new Delivery("47", "INVITATION-0-sms", Kind.INVITATION, 0, Channel.SMS, DeliveryStatus.SENDING,
                "op-long-ago", longAgo, 1, null, 1, "GSM7", "Outgoing_reported", null, longAgo, null));

        service.handle(intent);

        assertTrue(sms.sent.isEmpty(), sms.sent.toString());
        assertEquals(DeliveryStatus.SENT, row("47", "INVITATION-0-sms").status());
    }

    @Test
    void aRetryAfterATemplateWasEditedGoesAsANewRequestNotAMismatchedRepeat() {
        NotificationIntent intent = intent("created.json", Kind.INVITATION);
        email.failures.add(new TransientDeliveryException("Email: ACS answered HTTP 500", null, null));
        service.handle(intent);
        String firstId = email.sent.get(0).operationId();
        store.save(TemplateName.emailSubject(Kind.INVITATION).id(), "Your telehealth appointment (edited)");

        service.handle(intent);

        EmailSender.Email retried = email.sent.get(1);
        assertEquals("Your telehealth appointment (edited)", retried.subject());
        assertTrue(!retried.operationId().equals(firstId), "a different message is not a repeat of the first");
        assertEquals(java.util.List.of(firstId), email.asked, "after checking ACS never had the first");
        assertEquals(DeliveryStatus.SENT, row("47", "INVITATION-0-email").status());
    }

    @Test
    void anEmailRetryIsBuiltAsTheFirstAttemptWasWhateverTheTime() {
        NotificationIntent intent = intent("created.json", Kind.INVITATION);
        email.failures.add(new TransientDeliveryException("Email: ACS answered HTTP 500", null, null));
        service.handle(intent);
        NotificationService later = new NotificationService(Optional.of(sms), Optional.of(email), log, new Templates(store),
                new MessageContent(new JoinLinks(new byte[32], URI.create("https://t.example.org/api")),
                        Locale.forLanguageTag("en-AU"), Optional.of("DoNotReply@clinic.example")),
                retries, Clock.fixed(NOW.plusSeconds(90), ZoneOffset.UTC), BACKOFF, numbers);

        later.handle(intent);

        EmailSender.Email first = email.sent.get(0);
        EmailSender.Email second = email.sent.get(1);
        assertEquals(first.operationId(), second.operationId());
        assertEquals(first.firstAttemptAt(), second.firstAttemptAt());
        assertEquals(first.fingerprint(), second.fingerprint(), "every byte, the invite's DTSTAMP too");
    }

    @Test
    void aRejectedNumberIsRecordedFailedAndNotRetried() {
        sms.failures.add(new PermanentDeliveryException("SMS: ACS answered HTTP 400 (the number or address was rejected)", null));
        NotificationIntent intent = intent("created.json", Kind.INVITATION);

        assertInstanceOf(NotificationService.Outcome.Done.class, service.handle(intent));
        service.handle(intent);

        Delivery failed = row("47", "INVITATION-0-sms");
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertTrue(failed.reason().contains("400"), failed.reason());
        assertEquals(1, sms.sent.size());
        assertTrue(retries.intents.isEmpty());
        assertEquals(DeliveryStatus.SENT, row("47", "INVITATION-0-email").status(), "email still went");
        assertEquals(2, log.forAppointment("47").size());
    }

    @Test
    void throttlingPutsTheIntentBackAfterRetryAfterWithTheSameOperationIdUntilItsRetryTimeRunsOut() {
        NotificationIntent intent = intent("created.json", Kind.INVITATION);
        for (int i = 0; i < 3; i++) {
            sms.failures.add(new TransientDeliveryException("SMS: ACS answered HTTP 429 (throttled)", Duration.ofSeconds(17), null));
        }
        NotificationService.Outcome first = service.handle(intent);
        assertEquals(new NotificationService.Outcome.RetryLater(Duration.ofSeconds(17)), first);
        assertEquals(intent, retries.intents.get(0));
        assertEquals(DeliveryStatus.RETRYING, row("47", "INVITATION-0-sms").status());
        assertEquals(1, email.sent.size(), "the email is not held up by the SMS");

        clock.advance(Duration.ofSeconds(17));
        service.handle(intent);
        clock.set(NOW.plus(Duration.ofHours(1)));
        service.handle(intent);

        assertEquals(3, sms.sent.size());
        assertEquals(sms.sent.get(0).operationId(), sms.sent.get(1).operationId(), "a retry inside ACS's window is a repeat");
        Delivery gaveUp = row("47", "INVITATION-0-sms");
        assertEquals(DeliveryStatus.FAILED, gaveUp.status());
        assertTrue(gaveUp.reason().startsWith("gave up after 3 attempts over 60 min"), gaveUp.reason());
        assertEquals(2, retries.intents.size());
        assertEquals(1, email.sent.size());
    }

    @Test
    void aMessageRenewedAfterACSsRepeatabilityWindowStillGivesUpWhenItsRetryTimeIsOver() {
        NotificationIntent intent = intent("created.json", Kind.INVITATION);
        for (int i = 0; i < 20; i++) {
            sms.failures.add(new TransientDeliveryException("SMS: ACS answered HTTP 503", Duration.ofMinutes(5), null));
        }
        for (int i = 0; i < 12; i++) {
            service.handle(intent);
            assertEquals(DeliveryStatus.RETRYING, row("47", "INVITATION-0-sms").status(), "after " + (5 * i) + " min");
            clock.advance(Duration.ofMinutes(5));
        }
        service.handle(intent);

        assertEquals(13, sms.sent.stream().map(SmsSender.Sms::operationId).distinct().count(), "each a new request");
        assertEquals(DeliveryStatus.FAILED, row("47", "INVITATION-0-sms").status(), "an hour after it was first recorded");
    }

    @Test
    void aThrottlingLongerThanAFewAttemptsButShorterThanTheRetryTimeStillSendsTheSmsOnce() {
        NotificationIntent intent = intent("created.json", Kind.INVITATION);
        for (int i = 0; i < 10; i++) {
            sms.failures.add(new TransientDeliveryException("SMS: ACS answered HTTP 429 (throttled)", Duration.ofSeconds(17), null));
        }
        service.handle(intent);
        for (int i = 0; i < 10; i++) {
            assertEquals(DeliveryStatus.RETRYING, row("47", "INVITATION-0-sms").status(), "after attempt " + (i + 1));
            clock.advance(Duration.ofSeconds(17));
            service.handle(intent);
        }

        Delivery sent = row("47", "INVITATION-0-sms");
        assertEquals(DeliveryStatus.SENT, sent.status(), sent.reason());
        assertEquals(11, sms.sent.size());
        assertEquals(1, sms.sent.stream().map(SmsSender.Sms::operationId).distinct().count(), "ACS sends repeats once");
        assertEquals(1, email.sent.size());
    }

    @Test
    void withoutRetryAfterTheWaitDoublesUpToItsCap() {
        NotificationIntent intent = intent("created.json", Kind.INVITATION);
        for (int i = 0; i < 6; i++) {
            email.failures.add(new TransientDeliveryException("Email: ACS answered HTTP 500", null, null));
        }
        for (int i = 0; i < 6; i++) {
            service.handle(intent);
            clock.advance(retries.delays.get(retries.delays.size() - 1));
        }
        service.handle(intent);

        assertEquals(List.of(60L, 120L, 240L, 300L, 300L, 300L), retries.delays.stream().map(Duration::toSeconds).toList());
        assertEquals(DeliveryStatus.SENT, row("47", "INVITATION-0-email").status());
    }

    @Test
    void theContactPreferenceAndMissingContactsDecideTheChannels() {
        service.handle(intent("escaping.json", Kind.INVITATION)); // prefers sms
        service.handle(intent("provider-by-object-id.json", Kind.INVITATION)); // prefers email, no mobile
        assertEquals(1, sms.sent.size());
        assertEquals("+61400000001", sms.sent.get(0).to());
        assertEquals("UCS2", row("50", "INVITATION-0-sms").encoding(), "Zoë is not GSM-7");
        assertEquals(1, email.sent.size());
        assertEquals(DeliveryStatus.SKIPPED, row("50", "INVITATION-0-email").status());
        assertEquals("the patient prefers SMS", row("50", "INVITATION-0-email").reason());
        assertEquals("the patient prefers email", row("51", "INVITATION-0-sms").reason());
    }

    @Test
    void aDeletionThatCarriesOnlyIdAndVersionSendsNothing() {
        Snapshot deleted = ContractExamples.snapshot("deleted.json");
        service.handle(new NotificationIntent("47", Kind.CANCELLATION, 1, deleted, null, ""));
        assertTrue(sms.sent.isEmpty());
        assertTrue(email.sent.isEmpty());
        assertEquals(DeliveryStatus.SKIPPED, row("47", "CANCELLATION-1-sms").status());
    }

    @Test
    void anUnconfiguredChannelIsSkippedWithAReasonAnAdminCanAct() {
        NotificationService emailOnly = service(Optional.empty(), Optional.of(email));
        emailOnly.handle(intent("created.json", Kind.INVITATION));
        assertEquals("SMS is not configured (ACS_SMS_FROM)", row("47", "INVITATION-0-sms").reason());
        assertEquals(1, email.sent.size());
    }

    @Test
    void cancellationAndUpdateUseTheirOwnTemplatesAndKeys() {
        service.handle(intent("lifecycle-2-rescheduled.json", Kind.UPDATE));
        service.handle(new NotificationIntent("48", Kind.CANCELLATION, 1,
                ContractExamples.snapshot("lifecycle-4-cancelled.json"), null, ""));
        assertTrue(sms.sent.get(0).text().contains("has changed: it is at 4:40 pm on 05/03/2027"), sms.sent.get(0).text());
        assertTrue(sms.sent.get(1).text().contains("has been cancelled"), sms.sent.get(1).text());
        assertTrue(new String(email.sent.get(1).attachments().get(0).content()).contains("METHOD:CANCEL"));
        assertEquals(DeliveryStatus.SENT, row("48", "UPDATE-0-email").status());
        assertEquals(DeliveryStatus.SENT, row("48", "CANCELLATION-1-email").status());
        assertNull(row("48", "CANCELLATION-1-email").reason());
    }
}
