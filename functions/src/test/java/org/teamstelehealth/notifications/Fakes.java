package org.teamstelehealth.notifications;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.teamstelehealth.messages.NotificationIntent;

/** In-memory stand-ins for the notifications senders and retries (the stores have their own fakes). */
final class Fakes {
    private Fakes() {}

    /** The template source shipped in {@code templates/*.hbs}: what is in force with no override. */
    static String shippedSource(TemplateName name) {
        return new Templates(new InMemoryTemplateStore()).get(name).source();
    }

    static final class Sms implements SmsSender {
        final List<SmsSender.Sms> sent = new ArrayList<>();
        final List<DeliveryException> failures = new ArrayList<>();

        @Override
        public String send(SmsSender.Sms sms) throws DeliveryException {
            sent.add(sms);
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            return "msg-" + sent.size();
        }
    }

    static final class Email implements EmailSender {
        final List<EmailSender.Email> sent = new ArrayList<>();
        final List<DeliveryException> failures = new ArrayList<>();
        /** Operation ids the provider has: every one sent without failing, and any a test adds. */
        final java.util.Set<String> accepted = new java.util.HashSet<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public void send(EmailSender.Email email) throws DeliveryException {
            sent.add(email);
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            accepted.add(email.operationId());
        }

        @Override
        public boolean has(String operationId) {
            asked.add(operationId);
            return accepted.contains(operationId);
        }
    }

    static final class Retries implements NotificationRetries {
        final List<NotificationIntent> intents = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();

        @Override
        public void later(NotificationIntent intent, Duration delay) {
            intents.add(intent);
            delays.add(delay);
        }
    }
}
