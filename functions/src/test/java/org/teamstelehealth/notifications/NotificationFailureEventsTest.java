package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.AppointmentUpdates;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.appointments.Outbox;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.MutableClock;

/** A message that finally could not be delivered is told to the PMS (notification.failed) and shown on the row, once. */
class NotificationFailureEventsTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);

    private final Fakes.Sms sms = new Fakes.Sms();
    private final Fakes.Email email = new Fakes.Email();
    private final CrashingLog log = new CrashingLog();
    private final InMemoryAppointmentStore appointments = new InMemoryAppointmentStore();
    private final List<PmsEvent> events = new ArrayList<>();
    private final NotificationService service = new NotificationService(Optional.of(sms), Optional.of(email), log,
            new Templates(new InMemoryTemplateStore()),
            new MessageContent(new JoinLinks(new byte[32], URI.create("https://t.example.org/api")),
                    Locale.forLanguageTag("en-AU"), Optional.of("DoNotReply@clinic.example")),
            new Fakes.Retries(), clock, new DeliveryBackoff(Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofSeconds(900)),
            new SmsNumbers(new InMemorySmsContacts(), new PhoneKeys(new byte[32])),
            new PmsDeliveryFailures(new AppointmentUpdates(appointments, new Outbox(appointments, i -> { }, events::add)),
                    clock));

    private final NotificationIntent intent = intent();

    private static NotificationIntent intent() {
        Snapshot snapshot = ContractExamples.snapshot("created.json");
        return new NotificationIntent(snapshot.id(), Kind.INVITATION, 0, snapshot,
                "https://teams.microsoft.com/l/meetup-join/abc", "");
    }

    @BeforeEach
    void storeTheAppointment() throws Exception {
        appointments.save(Appointments.ready("47", "2027-03-05T16:00:00+10:30").withEtag(null));
    }

    @Test
    void aRejectedNumberIsOneNotificationFailedEventAndTheRowSaysWhy() {
        sms.failures.add(new PermanentDeliveryException("SMS: ACS answered HTTP 400 (the number was rejected)", null));

        service.handle(intent);

        assertEquals(1, events.size());
        PmsEvent failed = events.get(0);
        assertEquals("notification.failed", failed.type());
        assertEquals(Map.of("channel", "sms", "kind", "INVITATION",
                "reason", "SMS: ACS answered HTTP 400 (the number was rejected)"), failed.data());
        String shown = appointments.find("47").orElseThrow().deliveryFailure();
        assertTrue(shown.contains("SMS") && shown.contains("HTTP 400"), shown);
    }

    @Test
    void aFailureRedeliveredAfterACrashBeforeItWasLoggedIsStillOneEvent() {
        sms.failures.add(new PermanentDeliveryException("SMS: ACS answered HTTP 400 (the number was rejected)", null));
        sms.failures.add(new PermanentDeliveryException("SMS: ACS answered HTTP 400 (the number was rejected)", null));
        log.crashOnFailed = true;

        assertThrows(IllegalStateException.class, () -> service.handle(intent), "the worker died before logging it");
        service.handle(intent);

        assertEquals(List.of("notification.failed"), events.stream().map(PmsEvent::type).toList());
        assertEquals(DeliveryStatus.FAILED, log.find("47", "INVITATION-0-sms").orElseThrow().status());
    }

    @Test
    void aTransientFailureIsToldOnlyWhenItIsGivenUp() {
        for (int i = 0; i < 3; i++) {
            email.failures.add(new TransientDeliveryException("Email: ACS answered HTTP 503", null, null));
        }

        service.handle(intent);
        clock.advance(Duration.ofMinutes(30));
        service.handle(intent);
        assertEquals(List.of(), events, "still retrying within the hour of retries");
        clock.advance(Duration.ofMinutes(31));
        service.handle(intent);

        assertEquals(1, events.size());
        assertEquals("email", events.get(0).data().get("channel"));
        assertTrue(events.get(0).data().get("reason").toString().startsWith("gave up after 3 attempts"),
                events.get(0).data().toString());
    }

    @Test
    void aDeliveredMessageTellsThePmsNothing() {
        service.handle(intent);
        assertEquals(List.of(), events);
    }

    /** A delivery log whose worker dies on writing the first FAILED outcome, once. */
    private static final class CrashingLog implements DeliveryLog {
        private final InMemoryDeliveryLog log = new InMemoryDeliveryLog();
        boolean crashOnFailed;

        @Override
        public Optional<Delivery> find(String appointmentId, String key) {
            return log.find(appointmentId, key);
        }

        @Override
        public Optional<Delivery> findByOperationId(String operationId) {
            return log.findByOperationId(operationId);
        }

        @Override
        public Optional<Delivery> insert(Delivery delivery) {
            return log.insert(delivery);
        }

        @Override
        public Delivery update(Delivery delivery) {
            if (crashOnFailed && delivery.status() == DeliveryStatus.FAILED) {
                crashOnFailed = false;
                throw new IllegalStateException("killed");
            }
            return log.update(delivery);
        }

        @Override
        public List<Delivery> forAppointment(String appointmentId) {
            return log.forAppointment(appointmentId);
        }

        @Override
        public int purge(String appointmentId) {
            return log.purge(appointmentId);
        }
    }
}
