package org.teamstelehealth.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.messages.Snapshot.ContactPreference;
import org.teamstelehealth.notifications.Delivery.Channel;

/**
 * Tells a patient about one change of their appointment, by SMS and/or email as they prefer, once.
 *
 * <p>Per channel: a delivery already settled (sent, failed, skipped) is left alone; otherwise it is
 * recorded as {@code sending} with a new operation id BEFORE anything is sent, then sent, then
 * recorded {@code sent} or {@code failed}. A redelivered intent whose delivery is still
 * {@code sending} (the worker died mid-send) or {@code retrying} is sent again with the SAME operation
 * id and first-attempt time, which ACS uses to recognise and drop the repeat. Transient ACS failures
 * put the intent back on the queue after Retry-After (else a doubling wait, {@link DeliveryBackoff}); one that
 * comes {@link DeliveryBackoff#retryFor} after the delivery was first recorded records it failed.
 *
 * <p>A repeat must be the same request: ACS refuses (400) a repeat within its 5-minute window whose
 * body differs from the first. So the message is built from the first attempt (the invite's DTSTAMP
 * is the first attempt's time), and a retry whose rebuilt message does not match the first's
 * {@linkplain Delivery#contentHash() fingerprint} (a template edited in between), or whose first
 * attempt is older than {@link #REPEATABILITY_WINDOW}, is not a repeat: after checking that the
 * earlier attempt did not get through (email: ACS's operation status; SMS: the delivery record, which
 * a delivery report may have settled) it goes as a new request, with a fresh operation id first sent
 * now. Never the old id with a new first-sent time, which ACS also refuses. The one duplicate left:
 * an SMS accepted by ACS whose acceptance and delivery report were both lost, renewed after 4 minutes.
 */
public final class NotificationService {
    private static final Logger LOG = Logger.getLogger(NotificationService.class.getName());
    private static final String INVITE_CONTENT_TYPE = "text/calendar";
    /** How old a first attempt may be and still be repeated: a little inside ACS's 5 minutes, for clock skew. */
    static final Duration REPEATABILITY_WINDOW = Duration.ofMinutes(4);

    private final Optional<SmsSender> sms;
    private final Optional<EmailSender> email;
    private final DeliveryLog log;
    private final Templates templates;
    private final MessageContent content;
    private final NotificationRetries retries;
    private final Clock clock;
    private final DeliveryBackoff backoff;
    private final SmsNumbers numbers;
    private final DeliveryFailures failures;
    private final ReminderChecks reminders;

    /** What became of an intent. */
    public sealed interface Outcome {
        /** Every channel is settled. */
        record Done() implements Outcome {}

        /** Some channel failed transiently; the intent was queued again to run after {@code delay}. */
        record RetryLater(Duration delay) implements Outcome {}
    }

    /**
     * @param sms absent when no SMS sender is configured; {@code email} likewise
     * @param numbers where opted-out numbers are (no SMS goes to one; email still does) and where each number an
     *     SMS goes to is remembered with its appointment, so that a reply from it finds the appointment
     */
    public NotificationService(Optional<SmsSender> sms, Optional<EmailSender> email, DeliveryLog log, Templates templates,
                               MessageContent content, NotificationRetries retries, Clock clock, DeliveryBackoff backoff,
                               SmsNumbers numbers) {
        this(sms, email, log, templates, content, retries, clock, backoff, numbers, DeliveryFailures.NONE);
    }

    /** @param failures told of each message that finally could not be delivered (the PMS hears of it) */
    public NotificationService(Optional<SmsSender> sms, Optional<EmailSender> email, DeliveryLog log, Templates templates,
                               MessageContent content, NotificationRetries retries, Clock clock, DeliveryBackoff backoff,
                               SmsNumbers numbers, DeliveryFailures failures) {
        this(sms, email, log, templates, content, retries, clock, backoff, numbers, failures,
                new ReminderChecks(Optional.empty()));
    }

    /** @param reminders whether a REMINDER still goes when it is sent (the appointment as stored then) */
    public NotificationService(Optional<SmsSender> sms, Optional<EmailSender> email, DeliveryLog log, Templates templates,
                               MessageContent content, NotificationRetries retries, Clock clock, DeliveryBackoff backoff,
                               SmsNumbers numbers, DeliveryFailures failures, ReminderChecks reminders) {
        this.reminders = reminders;
        this.failures = failures;
        this.sms = sms;
        this.email = email;
        this.log = log;
        this.templates = templates;
        this.content = content;
        this.retries = retries;
        this.clock = clock;
        this.backoff = backoff;
        this.numbers = numbers;
    }

    /**
     * Delivers the intent on each channel it goes by. Every channel's delivery is read in one request, before
     * anything is sent: a delivery that a concurrent worker records in between (the same intent delivered twice at
     * once) is then met as the refused insert of {@link #claim}, and left to that worker.
     */
    public Outcome handle(NotificationIntent intent) {
        Templates.Effective current = templates.current();
        List<Channel> channels = Stream.of(Channel.SMS, Channel.EMAIL).filter(c -> intent.goesBy(c.id())).toList();
        Map<String, Delivery> recorded = log.find(intent.appointmentId(),
                channels.stream().map(c -> intent.deliveryKey(c.id())).toList());
        Optional<Duration> retry = Optional.empty();
        for (Channel channel : channels) {
            String key = intent.deliveryKey(channel.id());
            Optional<Duration> delay = deliver(intent, channel, key, Optional.ofNullable(recorded.get(key)), current);
            if (delay.isPresent() && (retry.isEmpty() || delay.get().compareTo(retry.get()) > 0)) {
                retry = delay;
            }
        }
        if (retry.isPresent()) {
            retries.later(intent, retry.get());
            return new Outcome.RetryLater(retry.get());
        }
        return new Outcome.Done();
    }

    /** @return the delay before trying again, when this channel failed transiently */
    private Optional<Duration> deliver(NotificationIntent intent, Channel channel, String key,
                                       Optional<Delivery> existing, Templates.Effective current) {
        boolean replacesMoved = existing.filter(NotificationService::skippedAsMoved).isPresent();
        if (existing.isPresent() && existing.get().status().settled() && !replacesMoved) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<String> skip = skipReason(intent, channel);
        if (skip.isPresent()) {
            record(existing, fresh(intent, channel, key, now, DeliveryStatus.SKIPPED, skip.get(), null));
            return Optional.empty();
        }
        Instant builtAt = replacesMoved ? now : existing.map(Delivery::firstAttemptAt).orElse(now);
        Rendered rendered;
        try {
            rendered = render(intent, channel, current, builtAt);
        } catch (TemplateException e) {
            record(existing, fresh(intent, channel, key, now, DeliveryStatus.FAILED,
                    "template " + e.template() + " failed at line " + e.line() + ": " + e.reason(), null));
            return Optional.empty();
        } catch (InviteAddressException e) {
            record(existing, fresh(intent, channel, key, now, DeliveryStatus.FAILED, e.getMessage(), null));
            return Optional.empty();
        }
        Optional<Delivery> claimed = replacesMoved ? Optional.of(log.update(
                        fresh(intent, channel, key, now, DeliveryStatus.SENDING, null, rendered)
                                .withEtag(existing.get().etag())))
                : existing.isPresent() ? Optional.of(log.update(existing.get().attempted(now)))
                : claim(intent, channel, key, now, rendered);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        try {
            return send(claimed.get(), intent, current, rendered);
        } catch (TemplateException e) {
            return failed(claimed.get(), new PermanentDeliveryException("template " + e.template() + " failed at line "
                    + e.line() + ": " + e.reason(), null));
        } catch (InviteAddressException e) {
            return failed(claimed.get(), new PermanentDeliveryException(e.getMessage(), null));
        }
    }

    /**
     * Records a new delivery as sending. If another worker recorded it first (the same intent delivered twice at
     * once), that worker is sending it and holds a queue message that comes back should it fail, so this one
     * leaves it alone: going on with theirs would send a message built at another time (an invite's DTSTAMP), which
     * cannot go as a repeat of theirs and would reach the patient twice.
     */
    private Optional<Delivery> claim(NotificationIntent intent, Channel channel, String key, Instant now, Rendered rendered) {
        Delivery fresh = fresh(intent, channel, key, now, DeliveryStatus.SENDING, null, rendered);
        Optional<Delivery> inserted = log.insert(fresh);
        if (inserted.isEmpty()) {
            LOG.fine(() -> "Delivery " + key + " of appointment " + intent.appointmentId()
                    + " was recorded by another worker at the same time; left to it");
        }
        return inserted;
    }

    private Optional<Duration> send(Delivery delivery, NotificationIntent intent, Templates.Effective current,
                                    Rendered rendered) throws TemplateException, InviteAddressException {
        try {
            if (delivery.attempts() > 1) {
                if (gotThrough(delivery)) {
                    log.update(delivery.sent(delivery.providerMessageId() != null ? delivery.providerMessageId()
                            : delivery.operationId(), clock.instant()));
                    return Optional.empty();
                }
                if (!repeatable(delivery, rendered)) {
                    Instant now = clock.instant();
                    rendered = render(intent, delivery.channel(), current, now);
                    delivery = log.update(delivery.renewed(UUID.randomUUID().toString(), now, fingerprint(rendered)));
                }
            }
            String messageId = switch (delivery.channel()) {
                case SMS -> {
                    // Before sending: a reply can come back seconds after the SMS arrives.
                    numbers.remember(rendered.to(), delivery.appointmentId());
                    yield sms.orElseThrow().send(sms(delivery, rendered));
                }
                case EMAIL -> {
                    email.orElseThrow().send(email(delivery.operationId(), delivery.firstAttemptAt(), rendered));
                    yield delivery.operationId();
                }
            };
            log.update(delivery.sent(messageId, clock.instant()));
            return Optional.empty();
        } catch (DeliveryException e) {
            return failed(delivery, e);
        }
    }

    /** Whether an earlier attempt already reached the patient's provider, so nothing more is sent. */
    private boolean gotThrough(Delivery delivery) throws DeliveryException {
        if (delivery.providerMessageId() != null) {
            return true;
        }
        // SMS has no status to ask for: its record (settled by a delivery report, if one came) is all we know.
        return delivery.channel() == Channel.EMAIL && email.orElseThrow().has(delivery.operationId());
    }

    /** Whether this attempt may go as a repeat of the first: the same message, inside ACS's window. */
    private boolean repeatable(Delivery delivery, Rendered rendered) {
        boolean sameMessage = delivery.contentHash() == null || delivery.contentHash().equals(fingerprint(rendered));
        boolean inWindow = delivery.firstAttemptAt() != null
                && delivery.firstAttemptAt().isAfter(clock.instant().minus(REPEATABILITY_WINDOW));
        return sameMessage && inWindow;
    }

    private static SmsSender.Sms sms(Delivery delivery, Rendered rendered) {
        return new SmsSender.Sms(delivery.operationId(), rendered.to(), rendered.sms().text(), delivery.firstAttemptAt(),
                DeliveryReport.tag(delivery.appointmentId(), delivery.key()));
    }

    private static EmailSender.Email email(String operationId, Instant firstAttemptAt, Rendered rendered) {
        return new EmailSender.Email(operationId, List.of(rendered.to()),
                rendered.email().subject(), rendered.email().html(), rendered.email().plainText(),
                rendered.email().ics() == null ? List.of() : List.of(new EmailSender.Attachment("invite.ics",
                        INVITE_CONTENT_TYPE, rendered.email().ics().getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                firstAttemptAt);
    }

    private static String fingerprint(Rendered rendered) {
        if (rendered == null) {
            return null;
        }
        return rendered.sms() != null
                ? new SmsSender.Sms(null, rendered.to(), rendered.sms().text(), null).fingerprint()
                : email(null, null, rendered).fingerprint();
    }

    private Optional<Duration> failed(Delivery delivery, DeliveryException e) {
        Instant now = clock.instant();
        boolean retryable = e instanceof TransientDeliveryException;
        LOG.warning(() -> "Notification " + delivery.key() + " for appointment " + delivery.appointmentId()
                + " failed (" + (retryable ? "transient" : "permanent") + "): " + e.getMessage());
        if (e instanceof TransientDeliveryException transientFailure && !backoff.exhausted(delivery.createdAt(), now)) {
            log.update(delivery.with(DeliveryStatus.RETRYING, e.getMessage(), now));
            return Optional.of(backoff.delay(delivery.attempts(), transientFailure.retryAfter()));
        }
        String reason = retryable ? "gave up after " + delivery.attempts() + " attempts over "
                + Duration.between(delivery.createdAt(), now).toMinutes() + " min: " + e.getMessage() : e.getMessage();
        failures.failed(delivery, reason);
        log.update(delivery.with(DeliveryStatus.FAILED, reason, now));
        return Optional.empty();
    }

    private Optional<String> skipReason(NotificationIntent intent, Channel channel) {
        Snapshot.Patient patient = intent.snapshot() == null ? null : intent.snapshot().patient();
        if (patient == null || intent.snapshot().start() == null) {
            return Optional.of("the change carried no patient or appointment details");
        }
        if (intent.kind() == NotificationIntent.Kind.REMINDER) {
            Optional<String> stale = reminders.skipReason(intent, clock.instant());
            if (stale.isPresent()) {
                return stale;
            }
        }
        ContactPreference preference = patient.contactPreferenceOrDefault();
        if (preference == ContactPreference.NONE) {
            return Optional.of("the patient asked not to be contacted");
        }
        if (channel == Channel.SMS) {
            if (preference == ContactPreference.EMAIL) {
                return Optional.of("the patient prefers email");
            }
            if (blank(patient.mobilePhone())) {
                return Optional.of("the patient has no mobile number");
            }
            if (numbers.optedOut(patient.mobilePhone())) {
                return Optional.of(SmsNumbers.OPTED_OUT);
            }
            return sms.isPresent() ? Optional.empty() : Optional.of("SMS is not configured (ACS_SMS_FROM)");
        }
        if (preference == ContactPreference.SMS) {
            return Optional.of("the patient prefers SMS");
        }
        if (blank(patient.email())) {
            return Optional.of("the patient has no email address");
        }
        return email.isPresent() ? Optional.empty() : Optional.of("email is not configured (ACS_EMAIL_SENDER)");
    }

    private record Rendered(String to, MessageContent.Sms sms, MessageContent.Email email) {}

    private Rendered render(NotificationIntent intent, Channel channel, Templates.Effective current, Instant now)
            throws TemplateException, InviteAddressException {
        Snapshot.Patient patient = intent.snapshot().patient();
        return channel == Channel.SMS
                ? new Rendered(patient.mobilePhone(), content.sms(current, intent), null)
                : new Rendered(patient.email(), null, content.email(current, intent, now));
    }

    private Delivery fresh(NotificationIntent intent, Channel channel, String key, Instant now, DeliveryStatus status,
                           String reason, Rendered rendered) {
        Snapshot.Patient patient = intent.snapshot() == null ? null : intent.snapshot().patient();
        String recipient = patient == null ? null : channel == Channel.SMS ? patient.mobilePhone() : patient.email();
        SmsSegments segments = rendered != null && rendered.sms() != null ? rendered.sms().segments() : null;
        return new Delivery(intent.appointmentId(), key, intent.kind(), intent.sequence(), channel, status,
                UUID.randomUUID().toString(), now, status == DeliveryStatus.SENDING ? 1 : 0,
                mask(channel, recipient), segments == null ? 0 : segments.segments(),
                segments == null ? null : segments.encoding().name(), null, reason, now, fingerprint(rendered), null);
    }

    /**
     * A reminder skipped because its appointment moved settles nothing: the reminder of the same offset (and so the
     * same delivery key) for the new start replaces it.
     */
    private static boolean skippedAsMoved(Delivery delivery) {
        return delivery.kind() == NotificationIntent.Kind.REMINDER && delivery.status() == DeliveryStatus.SKIPPED
                && ReminderChecks.MOVED.equals(delivery.reason());
    }

    /** Writes a settled outcome over a half-done delivery, or records it new; a failure is told first. */
    private void record(Optional<Delivery> existing, Delivery fresh) {
        if (fresh.status() == DeliveryStatus.FAILED) {
            failures.failed(existing.orElse(fresh), fresh.reason());
        }
        if (existing.isPresent()) {
            Delivery old = existing.get();
            log.update(old.with(fresh.status(), fresh.reason(), fresh.updatedAt()));
        } else {
            log.insert(fresh);
        }
    }

    /** Enough for an admin to tell which number or address, not enough to read it: {@code +614•••••919}. */
    static String mask(Channel channel, String recipient) {
        if (recipient == null || recipient.isBlank()) {
            return null;
        }
        if (channel == Channel.EMAIL) {
            int at = recipient.indexOf('@');
            return at <= 0 ? "•••" : recipient.charAt(0) + "•••" + recipient.substring(at);
        }
        if (recipient.length() <= 7) {
            return "•••" + recipient.substring(Math.max(0, recipient.length() - 2));
        }
        return recipient.substring(0, 4) + "•".repeat(recipient.length() - 7) + recipient.substring(recipient.length() - 3);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
