package org.teamstelehealth.notifications;

import org.teamstelehealth.messages.NotificationIntent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory stand-ins for the notifications ports. */
final class Fakes {
    private Fakes() {}

    /** The template source shipped in {@code templates/*.hbs}: what is in force with no override. */
    static String shippedSource(TemplateName name) {
        return new Templates(new Store()).get(name).source();
    }

    static final class Store implements TemplateStore {
        final Map<String, String> sources = new ConcurrentHashMap<>();

        @Override
        public Map<String, String> overrides() {
            return new HashMap<>(sources);
        }

        @Override
        public void save(String name, String source) {
            sources.put(name, source);
        }

        @Override
        public void remove(String name) {
            sources.remove(name);
        }
    }

    static final class Log implements DeliveryLog {
        final Map<String, Delivery> rows = new ConcurrentHashMap<>();
        int etags;

        @Override
        public Optional<Delivery> find(String appointmentId, String key) {
            return Optional.ofNullable(rows.get(appointmentId + "/" + key));
        }

        @Override
        public synchronized Optional<Delivery> insert(Delivery delivery) {
            String id = delivery.appointmentId() + "/" + delivery.key();
            if (rows.containsKey(id)) {
                return Optional.empty();
            }
            Delivery stored = delivery.withEtag("e" + ++etags);
            rows.put(id, stored);
            return Optional.of(stored);
        }

        @Override
        public synchronized Delivery update(Delivery delivery) {
            Delivery stored = delivery.withEtag("e" + ++etags);
            rows.put(delivery.appointmentId() + "/" + delivery.key(), stored);
            return stored;
        }

        @Override
        public List<Delivery> forAppointment(String appointmentId) {
            List<Delivery> list = new ArrayList<>(rows.values().stream()
                    .filter(d -> d.appointmentId().equals(appointmentId)).toList());
            list.sort(Comparator.comparing(Delivery::key));
            return list;
        }
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

        @Override
        public void send(EmailSender.Email email) throws DeliveryException {
            sent.add(email);
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
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
