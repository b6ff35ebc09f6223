package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.MutableClock;
import org.teamstelehealth.testing.TestSettings;
import reactor.core.publisher.Mono;

/**
 * How many Table Storage requests one invitation (an SMS and an email) makes, counted on the wire against Azurite:
 * each is a round trip the notifications worker waits for, and a request Azurite's one thread serves while the
 * appointments function waits for its own.
 */
class TableCallsPerInvitationTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    /**
     * Before: the template overrides; per channel the delivery's read, its insert and its update to sent; for the
     * SMS the opt-out read and the number's upsert.
     */
    private static final int CALLS_BEFORE = 9;

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, TableClient> clients = new ConcurrentHashMap<>();
    private final Fakes.Sms sms = new Fakes.Sms();
    private final Fakes.Email email = new Fakes.Email();
    private final MutableClock clock = new MutableClock(NOW);
    private TableDeliveryLog log;
    private NotificationService service;

    @BeforeEach
    void setUp() {
        TableServiceClient tables = new TableServiceClientBuilder()
                .connectionString(TestSettings.settings().storage().connectionString().orElseThrow())
                .addPolicy(new Counting()).buildClient();
        // Tables exist before counting starts, as they do after the first invitation of a process.
        List.of(TableDeliveryLog.TABLE, TableSmsContacts.TABLE, TableTemplateStore.TABLE).forEach(name -> {
            tables.createTableIfNotExists(name);
            clients.put(name, tables.getTableClient(name));
        });
        log = new TableDeliveryLog(() -> clients.get(TableDeliveryLog.TABLE));
        MessageContent content = new MessageContent(new JoinLinks(new byte[32], URI.create("https://t.example.org/api")),
                Locale.forLanguageTag("en-AU"), Optional.of("DoNotReply@clinic.example"));
        service = new NotificationService(Optional.of(sms), Optional.of(email), log,
                new Templates(new TableTemplateStore(() -> clients.get(TableTemplateStore.TABLE), clock)), content,
                new Fakes.Retries(), clock, new DeliveryBackoff(Duration.ofHours(1), Duration.ofSeconds(60),
                        Duration.ofMinutes(5)),
                new SmsNumbers(new TableSmsContacts(() -> clients.get(TableSmsContacts.TABLE)), new PhoneKeys(new byte[32])));
        calls.clear();
    }

    @Test
    void aNewInvitationReadsBothChannelsDeliveriesInOneRequest() {
        NotificationIntent invitation = invitation("calls-" + UUID.randomUUID());

        service.handle(invitation);
        List<String> invitationCalls = List.copyOf(calls);

        assertEquals(1, sms.sent.size(), "one SMS");
        assertEquals(1, email.sent.size(), "one email");
        assertEquals(DeliveryStatus.SENT, log.find(invitation.appointmentId(), invitation.deliveryKey("sms")).orElseThrow().status());
        assertEquals(DeliveryStatus.SENT, log.find(invitation.appointmentId(), invitation.deliveryKey("email")).orElseThrow().status());
        // The template overrides; both deliveries' read; per channel the delivery's insert and its update to sent;
        // for the SMS the opt-out read and the number's upsert.
        assertTrue(invitationCalls.size() <= CALLS_BEFORE - 1, "table calls for one invitation: " + invitationCalls);
    }

    @Test
    void theSameInvitationDeliveredAgainFindsItsDeliveriesSettledAndSendsNothingMore() {
        NotificationIntent invitation = invitation("calls-" + UUID.randomUUID());
        service.handle(invitation);

        service.handle(invitation);

        assertEquals(1, sms.sent.size(), "still one SMS");
        assertEquals(1, email.sent.size(), "still one email");
    }

    private static NotificationIntent invitation(String appointmentId) {
        Snapshot s = ContractExamples.snapshot("lifecycle-1-created.json");
        Snapshot renamed = new Snapshot(appointmentId, s.version(), s.status(), s.start(), s.durationMinutes(),
                s.timeZone(), s.comments(), s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
        return new NotificationIntent(appointmentId, Kind.INVITATION, 0, renamed,
                "https://teams.microsoft.com/l/meetup-join/abc", "");
    }

    /** Records each request as "METHOD path". */
    private final class Counting implements HttpPipelinePolicy {
        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            calls.add(context.getHttpRequest().getHttpMethod() + " " + context.getHttpRequest().getUrl().getPath());
            return next.process();
        }
    }
}
