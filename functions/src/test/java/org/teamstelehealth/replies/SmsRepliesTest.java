package org.teamstelehealth.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentUpdates;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.appointments.Outbox;
import org.teamstelehealth.appointments.PatientResponse;
import org.teamstelehealth.appointments.PatientResponses;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.notifications.InMemorySmsContacts;
import org.teamstelehealth.notifications.PhoneKeys;
import org.teamstelehealth.notifications.SmsNumbers;
import org.teamstelehealth.notifications.SmsSender;
import org.teamstelehealth.testing.Appointments;

class SmsRepliesTest {
    /** The seed's patient's mobile, as the snapshot has it. */
    static final String PHONE = "+61415100919";
    /** The evening before appointment 46 (2024-09-27 05:30Z-06:00Z). */
    static final Instant NOW = Instant.parse("2024-09-26T09:00:00Z");

    final InMemoryAppointmentStore store = new InMemoryAppointmentStore()
            .put(Appointments.ready("46", "2024-09-27T15:00:00+09:30"));
    final List<PmsEvent> queued = new ArrayList<>();
    final InMemorySmsContacts contacts = new InMemorySmsContacts();
    final SmsNumbers numbers = new SmsNumbers(contacts, new PhoneKeys(new byte[32]));
    final List<SmsSender.Sms> sent = new ArrayList<>();
    final SmsReplies replies = new SmsReplies(store,
            new PatientResponses(new AppointmentUpdates(store, new Outbox(store, intent -> {}, queued::add))), numbers,
            Optional.of(sms -> {
                sent.add(sms);
                return "msg-" + sent.size();
            }), Locale.forLanguageTag("en-AU"), Clock.fixed(NOW, ZoneOffset.UTC));

    SmsRepliesTest() {
        numbers.remember(PHONE, "46");
    }

    static String event(String id, String from, String message, Instant received) {
        return """
                {"id":"%s","topic":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Communication/communicationServices/acs",
                 "subject":"/phonenumber/15555555555","eventType":"Microsoft.Communication.SMSReceived",
                 "data":{"messageId":"Incoming_%s","from":"%s","to":"+61400000000","message":"%s",
                         "receivedTimestamp":"%s","segmentCount":1},
                 "eventTime":"%s","metadataVersion":"1","dataVersion":"1.0"}""".formatted(id, id, from, message,
                OffsetDateTime.ofInstant(received, ZoneOffset.UTC), received);
    }

    String reply(String message) {
        String id = UUID.randomUUID().toString();
        replies.handle(event(id, PHONE, message, NOW));
        return id;
    }

    Appointment row() {
        return store.find("46").orElseThrow();
    }

    @Test
    void yesConfirmsTheNextAppointmentOnceAndAnswersOnce() {
        String id = reply("Yes");

        assertEquals(new PatientResponse(PatientResponse.Kind.CONFIRMED, NOW, "sms"), row().patientResponse());
        assertEquals(1, queued.size());
        assertEquals("patient.confirmed", queued.get(0).type());
        assertEquals(Map.of("channel", "sms", "at", NOW.toString()), queued.get(0).data());
        assertEquals(1, sent.size());
        assertEquals(PHONE, sent.get(0).to());
        assertEquals("Thank you, your telehealth appointment at 3:00 pm on Fri 27 Sept is confirmed.", sent.get(0).text());

        replies.handle(event(id, PHONE, "Yes", NOW));
        assertEquals(1, queued.size(), "a redelivered event changes nothing");
        assertEquals(1, sent.size(), "and is not answered again");
    }

    @Test
    void noAsksToCancelAndTheAnswerGivesTheClinicsNumber() {
        reply(" n. ");

        assertEquals(PatientResponse.Kind.CANCELLATION_REQUESTED, row().patientResponse().kind());
        assertEquals(List.of("patient.cancellation_requested"), queued.stream().map(PmsEvent::type).toList());
        assertTrue(sent.get(0).text().contains("we have told Clintel Clinic you cannot make it"), sent.get(0).text());
        assertTrue(sent.get(0).text().contains("Call " + Appointments.CLINIC_PHONE), sent.get(0).text());
        assertEquals(Snapshot.Status.BOOKED, row().snapshot().status(), "the PMS decides");
    }

    @Test
    void anUnreadableReplyGetsOneHelpfulAnswerPerAppointment() {
        reply("what time is it again?");
        reply("hello?");

        assertEquals(1, sent.size());
        assertTrue(sent.get(0).text().startsWith("Sorry, we could not read that. Reply Y to confirm"), sent.get(0).text());
        assertNull(row().patientResponse());
        assertTrue(queued.isEmpty());
    }

    @Test
    void stopOptsTheNumberOutUnansweredAndStartOptsItBackIn() {
        reply("STOP");
        assertTrue(numbers.optedOut(PHONE));
        assertTrue(sent.isEmpty(), "STOP is not answered");

        reply("y");
        assertEquals(PatientResponse.Kind.CONFIRMED, row().patientResponse().kind(), "an opted-out patient can still answer");
        assertTrue(sent.isEmpty(), "but gets no SMS back");

        replies.handle(event(UUID.randomUUID().toString(), PHONE, "Start", NOW.plusSeconds(60)));
        assertEquals(false, numbers.optedOut(PHONE));
        assertTrue(sent.isEmpty());
    }

    @Test
    void aLateRedeliveryOfAnOlderAnswerDoesNotUndoANewerOne() {
        replies.handle(event("new", PHONE, "Y", NOW));
        replies.handle(event("old", PHONE, "N", NOW.minusSeconds(600)));

        assertEquals(PatientResponse.Kind.CONFIRMED, row().patientResponse().kind());
        assertEquals(1, queued.size());
        assertEquals(1, sent.size(), "the old N is not confirmed back");
    }

    @Test
    void anUnknownNumberOrOneTheAppointmentNoLongerHasGetsNothing() {
        replies.handle(event("stranger", "+61499999999", "Y", NOW));
        Appointment booked = row();
        store.put(Appointments.withSnapshot(booked, Appointments.withPatient(booked.snapshot(),
                new Snapshot.Patient("12", "000012", "Ms", "Clintel", "Test", "Clintel Test", "+61400111222",
                        "clintel@example.org", Snapshot.ContactPreference.BOTH)), false));
        replies.handle(event("old-number", PHONE, "Y", NOW));

        assertNull(row().patientResponse());
        assertTrue(sent.isEmpty());
        assertTrue(queued.isEmpty());
    }

    @Test
    void theNextAppointmentStillToComeIsAnsweredNotAPastOrCancelledOne() {
        store.put(Appointments.ready("45", "2024-09-20T15:00:00+09:30"));          // last week
        Appointment cancelled = Appointments.ready("44", "2024-09-27T09:00:00+09:30");  // earlier, but cancelled
        store.put(Appointments.withSnapshot(cancelled, Appointments.withStatus(cancelled.snapshot(), Snapshot.Status.CANCELLED), false));
        store.put(Appointments.ready("48", "2024-10-04T15:00:00+09:30"));          // the week after
        List.of("44", "45", "48").forEach(id -> numbers.remember(PHONE, id));

        reply("yes");

        assertEquals(PatientResponse.Kind.CONFIRMED, row().patientResponse().kind());
        List.of("44", "45", "48").forEach(id -> assertNull(store.find(id).orElseThrow().patientResponse(), id));
    }

    @Test
    void otherEventsAndBrokenOnesAreIgnored() {
        replies.handle("not json");
        replies.handle("{\"id\":\"x\",\"eventType\":\"Microsoft.Communication.SMSDeliveryReportReceived\",\"data\":{}}");
        replies.handle(event("no-number", "Contoso", "Y", NOW));

        assertNull(row().patientResponse());
        assertTrue(sent.isEmpty());
    }
}
