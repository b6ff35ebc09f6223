package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.ContractExamples;

/** A REMINDER intent on the notifications side: its one channel, its template, once per appointment and offset. */
class ReminderNotificationsTest {
    private static final Instant NOW = Instant.parse("2027-03-04T05:30:00Z");
    private final Fakes.Sms sms = new Fakes.Sms();
    private final Fakes.Email email = new Fakes.Email();
    private final InMemoryDeliveryLog log = new InMemoryDeliveryLog();
    private final InMemoryAppointmentStore appointments = new InMemoryAppointmentStore();
    private final NotificationService service = service(NOW);

    private NotificationService service(Instant now) {
        return service(now, new InMemorySmsContacts());
    }

    private NotificationService service(Instant now, InMemorySmsContacts contacts) {
        return new NotificationService(Optional.of(sms), Optional.of(email), log, new Templates(new InMemoryTemplateStore()),
                new MessageContent(new JoinLinks(new byte[32], URI.create("https://t.example.org/api")),
                        Locale.forLanguageTag("en-AU"), Optional.of("DoNotReply@clinic.example")),
                new Fakes.Retries(), Clock.fixed(now, ZoneOffset.UTC), new DeliveryBackoff(Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofSeconds(900)),
                new SmsNumbers(contacts, new PhoneKeys(new byte[32])), DeliveryFailures.NONE,
                new ReminderChecks(Optional.of(appointments)));
    }

    /** Stores appointment 47 as the reminder's snapshot has it, with its meeting, so its reminders may go. */
    @BeforeEach
    void stored() throws Exception {
        Snapshot snapshot = ContractExamples.snapshot("created.json");
        appointments.save(Appointments.withSnapshot(Appointments.ready("47", "2027-03-05T16:00:00+10:30"), snapshot, false)
                .withEtag(null));
    }

    private void change(java.util.function.UnaryOperator<Appointment> how) throws Exception {
        appointments.save(how.apply(appointments.find("47").orElseThrow()));
    }

    private void assertSkipped(String key, String reason) {
        assertEquals(List.of(), sms.sent);
        assertEquals(List.of(), email.sent);
        Delivery skipped = log.find("47", key).orElseThrow();
        assertEquals(DeliveryStatus.SKIPPED, skipped.status());
        assertEquals(reason, skipped.reason());
    }

    @Test
    void aQueuedReminderOfAnAppointmentCancelledMeanwhileIsSkipped() throws Exception {
        change(a -> Appointments.withSnapshot(a, Appointments.withStatus(a.snapshot(), Snapshot.Status.CANCELLED), false));

        service.handle(reminder("24h", "sms", 0));

        assertSkipped("REMINDER-24h-sms", ReminderChecks.CANCELLED);
    }

    @Test
    void aQueuedReminderOfAnAppointmentDeletedOrPurgedMeanwhileIsSkipped() throws Exception {
        change(a -> Appointments.withSnapshot(a, a.snapshot(), true));
        service.handle(reminder("24h", "email", 0));
        assertSkipped("REMINDER-24h-email", ReminderChecks.DELETED);

        appointments.retainedBefore(java.time.LocalDate.parse("2028-01-01")).forEach(appointments::purge);
        assertEquals(Optional.empty(), appointments.find("47"));
        service.handle(reminder("15m", "sms", 0));
        assertSkipped("REMINDER-15m-sms", ReminderChecks.DELETED);
    }

    @Test
    void aQueuedReminderOfAMovedAppointmentIsSkippedAndTheNewStartsReminderStillGoes() throws Exception {
        NotificationIntent old = reminder("24h", "sms", 0);
        Snapshot moved = Appointments.snapshot("47", Snapshot.Status.BOOKED,
                old.snapshot().start().plusDays(2), "Clintel Test", "Victor Hong");
        change(a -> Appointments.withSnapshot(a, moved, false));

        service.handle(old);
        assertSkipped("REMINDER-24h-sms", ReminderChecks.MOVED);

        service.handle(new NotificationIntent("47", Kind.REMINDER, 1, appointments.find("47").orElseThrow().snapshot(),
                old.teamsJoinUrl(), "n1", old.reminder()));
        assertEquals(1, sms.sent.size(), "the reminder for the new start");
        assertEquals(DeliveryStatus.SENT, log.find("47", "REMINDER-24h-sms").orElseThrow().status());
        service.handle(old);
        assertEquals(1, sms.sent.size(), "and the old one, redelivered, still does not go");
    }

    private static NotificationIntent reminder(String offset, String channel, int sequence) {
        Snapshot snapshot = ContractExamples.snapshot("created.json");
        return new NotificationIntent(snapshot.id(), Kind.REMINDER, sequence, snapshot,
                "https://teams.microsoft.com/l/meetup-join/abc", "n1", new NotificationIntent.Reminder(offset, channel));
    }

    @Test
    void anSmsReminderGoesBySmsOnlyFromTheReminderTemplateWithTheJoinLink() {
        service.handle(reminder("15m", "sms", 0));

        assertEquals(1, sms.sent.size());
        assertEquals(List.of(), email.sent, "the 15m reminder is SMS only");
        String text = sms.sent.get(0).text();
        assertTrue(text.startsWith("Hi Clintel,\nA reminder of your telehealth appointment"), text);
        assertTrue(text.contains("4:00 pm on 05/03/2027"), text);
        assertTrue(text.contains("https://t.example.org/api/patients/12/appointments/47/join_telehealth_session"), text);
        assertEquals(DeliveryStatus.SENT, log.find("47", "REMINDER-15m-sms").orElseThrow().status());
        assertEquals(Optional.empty(), log.find("47", "REMINDER-15m-email"), "no email delivery recorded either");
    }

    @Test
    void anEmailReminderCarriesTheLinkAndNoCalendarInvite() {
        service.handle(reminder("24h", "email", 0));

        assertEquals(List.of(), sms.sent);
        EmailSender.Email sent = email.sent.get(0);
        assertEquals("Reminder: Your Telehealth Appointment on 05/03/2027", sent.subject());
        assertTrue(sent.html().contains("join_telehealth_session"), sent.html());
        assertEquals(List.of(), sent.attachments(), "the calendar already has the appointment");
        assertEquals(DeliveryStatus.SENT, log.find("47", "REMINDER-24h-email").orElseThrow().status());
    }

    @Test
    void eachOffsetGoesOncePerAppointmentEvenAfterAMoveOrATickRepeatedAfterACrash() {
        service.handle(reminder("24h", "sms", 0));
        service.handle(reminder("24h", "sms", 0));
        service.handle(reminder("24h", "sms", 1));
        service.handle(reminder("15m", "sms", 1));

        assertEquals(2, sms.sent.size(), "24h once, 15m once");
    }

    @Test
    void aReminderHeldUpUntilTheAppointmentStartedIsSkippedNotSentLate() {
        Instant start = ContractExamples.snapshot("created.json").startInstant();
        NotificationService afterAnAcsOutage = service(start.plusSeconds(60));

        afterAnAcsOutage.handle(reminder("15m", "sms", 0));

        assertEquals(List.of(), sms.sent);
        Delivery skipped = log.find("47", "REMINDER-15m-sms").orElseThrow();
        assertEquals(DeliveryStatus.SKIPPED, skipped.status());
        assertEquals("the appointment had started before the reminder could go", skipped.reason());
    }

    @Test
    void aNumberThatRepliedStopGetsNoSmsReminderAndTheEmailReminderStillGoes() {
        InMemorySmsContacts contacts = new InMemorySmsContacts();
        SmsNumbers numbers = new SmsNumbers(contacts, new PhoneKeys(new byte[32]));
        String phone = ContractExamples.snapshot("created.json").patient().mobilePhone();
        contacts.setOptOut(numbers.key(phone).orElseThrow(), new SmsContacts.OptOut(true, NOW.minusSeconds(3600)));
        NotificationService afterStop = service(NOW, contacts);

        afterStop.handle(reminder("24h", "sms", 0));
        afterStop.handle(reminder("24h", "email", 0));

        assertEquals(List.of(), sms.sent);
        Delivery skipped = log.find("47", "REMINDER-24h-sms").orElseThrow();
        assertEquals(DeliveryStatus.SKIPPED, skipped.status());
        assertEquals(SmsNumbers.OPTED_OUT, skipped.reason());
        assertEquals(1, email.sent.size(), "email is not what STOP stopped");
        assertEquals(DeliveryStatus.SENT, log.find("47", "REMINDER-24h-email").orElseThrow().status());
    }

    @Test
    void aReminderIntentSurvivesTheQueueAsJson() {
        NotificationIntent intent = reminder("24h", "sms", 2);
        NotificationIntent read = Json.read(Json.write(intent), NotificationIntent.class);

        assertEquals(intent, read);
        assertEquals("REMINDER-24h-sms", read.deliveryKey("sms"));
        NotificationIntent change = new NotificationIntent("47", Kind.UPDATE, 2, intent.snapshot(), null, "n1");
        assertEquals(change, Json.read(Json.write(change), NotificationIntent.class), "other kinds carry no reminder");
        assertEquals("UPDATE-2-sms", change.deliveryKey("sms"));
    }
}
