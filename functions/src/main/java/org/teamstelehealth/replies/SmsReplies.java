package org.teamstelehealth.replies;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentStore;
import org.teamstelehealth.appointments.PatientResponse;
import org.teamstelehealth.appointments.PatientResponses;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.notifications.DeliveryException;
import org.teamstelehealth.notifications.PhoneKeys;
import org.teamstelehealth.notifications.SmsContacts;
import org.teamstelehealth.notifications.SmsNumbers;
import org.teamstelehealth.notifications.SmsSender;
import org.teamstelehealth.platform.Json;

/**
 * What the service does with an SMS a patient sends to the clinic's ACS number ({@link InboundSms}).
 *
 * <ul>
 *   <li>STOP and its variants opt the number out of SMS (notifications then skips it; email still goes); START opts
 *       it back in. Neither is answered: for US toll-free numbers the carrier itself answers and ACS blocks
 *       further sends ("Sender blocked for given recipient"), and elsewhere a text to a number that just said STOP
 *       is what STOP asked us not to send.</li>
 *   <li>Y / N (see {@link ReplyWords}) answer the sender's next appointment still to come whose SMS went to this
 *       number (the {@link SmsContacts} index, checked against the appointment's current mobile number): recorded
 *       with channel {@code sms} and its PMS event, as the join page does, then answered once with a short SMS.</li>
 *   <li>Anything else gets one helpful reply per appointment, then silence.</li>
 *   <li>A number with no such appointment gets nothing.</li>
 * </ul>
 *
 * <p>Event Grid delivers at least once: an event id already handled is dropped before anything is applied (so a late
 * redelivery of an old "N" cannot undo a newer "Y"), and the answer is sent only by whoever first marks the event
 * handled. What is lost if the worker dies between that mark and the send: the answer SMS, never the answer.
 * Nothing about the sender is logged but the event id.
 */
public final class SmsReplies {
    private static final Logger LOG = Logger.getLogger(SmsReplies.class.getName());

    private final AppointmentStore store;
    private final PatientResponses responses;
    private final SmsNumbers numbers;
    private final Optional<SmsSender> sender;
    private final ReplyTexts texts;
    private final Clock clock;

    /** @param sender how answers go out; empty when SMS is not configured (answers are still recorded) */
    public SmsReplies(AppointmentStore store, PatientResponses responses, SmsNumbers numbers, Optional<SmsSender> sender,
            Locale locale, Clock clock) {
        this.store = store;
        this.responses = responses;
        this.numbers = numbers;
        this.sender = sender;
        this.texts = new ReplyTexts(locale);
        this.clock = clock;
    }

    /** @param event one Event Grid event (Event Grid schema), as the trigger hands it over */
    public void handle(String event) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(event == null ? "null" : event);
        } catch (IOException e) {
            LOG.warning("An Event Grid event that is not JSON was ignored");
            return;
        }
        Optional<InboundSms> sms = json == null ? Optional.empty() : InboundSms.from(json);
        if (sms.isEmpty()) {
            LOG.info(() -> "Event " + json.path("id").asText("(no id)") + " is not an SMS reply we take");
            return;
        }
        Optional<String> key = numbers.key(sms.get().from());
        if (key.isEmpty()) {
            LOG.info(() -> "SMS " + sms.get().eventId() + " is not from a phone number; ignored");
            return;
        }
        handle(sms.get(), key.get());
    }

    private void handle(InboundSms sms, String key) {
        SmsContacts contacts = numbers.contacts();
        String handled = "event:" + sms.eventId();
        if (contacts.marked(key, handled)) {
            LOG.info(() -> "SMS " + sms.eventId() + " was handled already (Event Grid redelivered it)");
            return;
        }
        Instant now = clock.instant();
        Instant said = sms.receivedAt() != null ? sms.receivedAt() : now;
        ReplyWords.Meaning meaning = ReplyWords.of(sms.message());
        LOG.info(() -> "SMS " + sms.eventId() + " reads as " + meaning);
        switch (meaning) {
            case OPT_OUT, OPT_IN -> {
                contacts.setOptOut(key, new SmsContacts.OptOut(meaning == ReplyWords.Meaning.OPT_OUT, said));
                contacts.mark(key, handled, now);
            }
            case CONFIRM, CANNOT_ATTEND -> answer(sms, key, meaning, said, now);
            case OTHER -> help(sms, key, now);
        }
    }

    private void answer(InboundSms sms, String key, ReplyWords.Meaning meaning, Instant said, Instant now) {
        Optional<Appointment> next = nextAppointment(key, sms.from(), now);
        if (next.isEmpty()) {
            LOG.info(() -> "SMS " + sms.eventId() + " matches no appointment still to come");
            numbers.contacts().mark(key, "event:" + sms.eventId(), now);
            return;
        }
        PatientResponse.Kind kind = meaning == ReplyWords.Meaning.CONFIRM
                ? PatientResponse.Kind.CONFIRMED : PatientResponse.Kind.CANCELLATION_REQUESTED;
        Optional<Appointment> saved = responses.record(next.get().id(), kind, "sms", said);
        // A late redelivery of an older answer changed nothing: it is not confirmed back as if it had.
        boolean taken = saved.isPresent() && PatientResponses.answerable(saved.get())
                && saved.get().patientResponse() != null && saved.get().patientResponse().kind() == kind;
        if (numbers.contacts().mark(key, "event:" + sms.eventId(), now) && taken) {
            Snapshot snapshot = saved.get().snapshot();
            send(sms, kind == PatientResponse.Kind.CONFIRMED ? texts.confirmed(snapshot) : texts.cannotAttend(snapshot), now);
        }
    }

    private void help(InboundSms sms, String key, Instant now) {
        Optional<Appointment> next = nextAppointment(key, sms.from(), now);
        boolean first = numbers.contacts().mark(key, "event:" + sms.eventId(), now);
        if (next.isPresent() && first && numbers.contacts().mark(key, "helped:" + next.get().id(), now)) {
            send(sms, texts.notUnderstood(next.get().snapshot()), now);
        }
    }

    /** The earliest appointment still to come whose SMS went to this number and whose patient still has it. */
    private Optional<Appointment> nextAppointment(String key, String from, Instant now) {
        Optional<String> number = PhoneKeys.normalized(from);
        return numbers.contacts().appointments(key).stream()
                .map(store::find).flatMap(Optional::stream)
                .filter(PatientResponses::answerable)
                .filter(appointment -> appointment.snapshot().start() != null
                        && appointment.snapshot().durationMinutes() != null
                        && appointment.snapshot().endInstant().isAfter(now))
                .filter(appointment -> appointment.snapshot().patient() != null
                        && PhoneKeys.normalized(appointment.snapshot().patient().mobilePhone()).equals(number))
                .min(Comparator.comparing(appointment -> appointment.snapshot().startInstant()));
    }

    private void send(InboundSms sms, String text, Instant now) {
        if (sender.isEmpty() || numbers.optedOut(sms.from())) {
            return;
        }
        // One operation id per inbound event: ACS drops a repeat of the same answer within its repeatability window.
        String operationId = UUID.nameUUIDFromBytes(("reply:" + sms.eventId()).getBytes(StandardCharsets.UTF_8)).toString();
        try {
            sender.get().send(new SmsSender.Sms(operationId, Objects.requireNonNull(sms.from()), text, now));
        } catch (DeliveryException e) {
            LOG.warning(() -> "The answer to SMS " + sms.eventId() + " could not be sent: " + e.getClass().getSimpleName());
        }
    }
}
