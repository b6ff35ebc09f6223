package org.teamstelehealth.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.ClientSecretCredentials;
import org.teamstelehealth.bootstrap.GraphClients;
import org.teamstelehealth.local.LoopbackHttpClient;

/** The reminder schedule on a fixed clock, with sent reminders and emails kept in memory. */
class ReminderServiceTest {
    private static final String NAME = "graph-client-secret";
    private static final String SECRET_VALUE = "kv-held-client-secret-value";
    private static final Instant EXPIRY = Instant.parse("2027-03-01T12:00:00Z");

    private final InMemorySecretStore store = new InMemorySecretStore();
    private final RecordingEmailSender email = new RecordingEmailSender();
    private EntraStandIn entra;
    private SecretSettings settings;
    private ReminderLog log;

    @BeforeEach
    void setUp() {
        entra = new EntraStandIn();
        settings = SecretsTestKit.settings(entra, Map.of("ADMIN_EMAILS", "admin@example.org, it@example.org"));
        log = new InMemoryReminderLog();
    }

    @AfterEach
    void tearDown() {
        entra.close();
    }

    @Test
    void sendsEachThresholdOnceThenDailyAfterExpiryAndNothingTwiceAcrossRuns() throws Exception {
        store.set(NAME, SECRET_VALUE, EXPIRY, Map.of());
        ReminderService reminders = service(NO_REGISTRATION);

        List<String> sentOn = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2026, 12, 1); !day.isAfter(LocalDate.of(2027, 3, 4)); day = day.plusDays(1)) {
            Instant timer = day.atTime(21, 0).toInstant(ZoneOffset.UTC);
            LocalDate today = day;
            reminders.remind(timer).ifPresent(r -> sentOn.add(today + " " + r.threshold()));
            assertEquals(Optional.empty(), reminders.remind(timer.plusSeconds(60)), "a second run the same day sends nothing");
        }

        assertEquals(List.of(
                "2026-12-31 before-60d", "2027-01-30 before-30d", "2027-02-15 before-14d", "2027-02-22 before-7d",
                "2027-02-26 before-3d", "2027-02-28 before-1d",
                "2027-03-01 after-0d", "2027-03-02 after-1d", "2027-03-03 after-2d", "2027-03-04 after-3d"), sentOn);
        assertEquals(10, email.sent.size());
        assertEquals(10, email.sent.stream().map(AdminMailer.Message::operationId).distinct().count());
        for (AdminMailer.Message sent : email.sent) {
            assertEquals(List.of("admin@example.org", "it@example.org"), sent.to());
            for (String part : List.of(sent.subject(), sent.html(), sent.plainText())) {
                assertFalse(part.contains(SECRET_VALUE), "the reminder must not contain the secret");
            }
        }
        assertTrue(email.sent.get(3).subject().contains("expires in 6 day(s)"), email.sent.get(3).subject());
        assertTrue(email.sent.get(3).plainText().contains("Monday 1 March 2027, 12:00 UTC"), email.sent.get(3).plainText());
        assertTrue(email.sent.get(6).subject().contains("EXPIRED"), email.sent.get(6).subject());

        // Another instance (a fresh service on the same log) replaying the whole period sends nothing.
        ReminderService again = service(NO_REGISTRATION);
        for (LocalDate day = LocalDate.of(2026, 12, 1); !day.isAfter(LocalDate.of(2027, 3, 4)); day = day.plusDays(1)) {
            again.remind(day.atTime(21, 0).toInstant(ZoneOffset.UTC));
        }
        assertEquals(10, email.sent.size());
    }

    @Test
    void aFirstRunLateSendsOnlyTheNearestThreshold() throws Exception {
        store.set(NAME, SECRET_VALUE, EXPIRY, Map.of());

        service(NO_REGISTRATION).remind(EXPIRY.minus(Duration.ofDays(5)));

        assertEquals(1, email.sent.size());
        assertTrue(email.sent.get(0).subject().contains("expires in 5 day(s)"), email.sent.get(0).subject());
    }

    @Test
    void aNewExpiryAfterRotationStartsItsOwnSchedule() throws Exception {
        store.set(NAME, SECRET_VALUE, EXPIRY, Map.of());
        ReminderService reminders = service(NO_REGISTRATION);
        reminders.remind(EXPIRY.minus(Duration.ofDays(10)));
        store.set(NAME, "rotated-value", EXPIRY.plus(Duration.ofDays(730)), Map.of());

        assertEquals(Optional.empty(), reminders.remind(EXPIRY.minus(Duration.ofDays(9))));
        assertEquals("before-60d", reminders.remind(EXPIRY.plus(Duration.ofDays(671))).orElseThrow().threshold());
    }

    @Test
    void anEmailThatFailedIsSentOnTheNextRunWithTheSameOperationId() throws Exception {
        store.set(NAME, SECRET_VALUE, EXPIRY, Map.of());
        ReminderService reminders = service(NO_REGISTRATION);
        email.failNext = true;

        assertThrows(AdminMailer.AdminMailException.class, () -> reminders.remind(EXPIRY.minus(Duration.ofDays(2))));
        reminders.remind(EXPIRY.minus(Duration.ofDays(2)).plusSeconds(3600));

        assertEquals(2, email.attempts.size());
        assertEquals(email.attempts.get(0).operationId(), email.attempts.get(1).operationId());
        assertEquals(1, email.sent.size());
    }

    @Test
    void theAppRegistrationsEarlierEndDateWinsWhenGraphMayBeRead() throws Exception {
        Instant graphEnd = EXPIRY.minus(Duration.ofDays(20));
        EntraStandIn.StoredPassword password = entra.addExisting("portal", SECRET_VALUE, graphEnd);
        store.set(NAME, SECRET_VALUE, EXPIRY, Map.of());

        ReminderService.Reminder sent = service(graph()).remind(graphEnd.minus(Duration.ofDays(6))).orElseThrow();

        assertEquals(graphEnd, sent.expiry());
        assertEquals("before-7d", sent.threshold());
        assertTrue(email.sent.get(0).plainText().contains("app registration"), email.sent.get(0).plainText());
        assertTrue(entra.requests("passwordCredentials").size() >= 1, "read the registration with $select");
        assertTrue(password.keyId() != null);
    }

    @Test
    void aForbiddenGraphReadIsSkippedAndTheVaultExpiryUsed() throws Exception {
        entra.addExisting("portal", SECRET_VALUE, EXPIRY.minus(Duration.ofDays(20)));
        entra.forbidReads();
        store.set(NAME, SECRET_VALUE, EXPIRY, Map.of());

        ReminderService.Reminder sent = service(graph()).remind(EXPIRY.minus(Duration.ofDays(2))).orElseThrow();

        assertEquals(EXPIRY, sent.expiry());
        assertEquals("Key Vault", sent.source());
    }

    @Test
    void afterExpiryTheDailyRemindersGoOnThoughTheSecretCanNoLongerReadGraph() throws Exception {
        // Entra no longer knows the secret (expired): the Graph read fails with invalid_client.
        store.set(NAME, SECRET_VALUE, EXPIRY, Map.of());
        ReminderService reminders = service(graph());

        assertEquals("after-0d", reminders.remind(EXPIRY.plus(Duration.ofHours(9))).orElseThrow().threshold());
        assertEquals("after-1d", reminders.remind(EXPIRY.plus(Duration.ofHours(33))).orElseThrow().threshold());

        String text = email.sent.get(0).plainText();
        assertTrue(text.contains("Entra admin center") && text.contains("new version"), "says how to replace it by hand: " + text);
    }

    @Test
    void whenEntraRejectsASecretWithNoKnownExpiryTheAdminsHearOnceADay() throws Exception {
        store.set(NAME, SECRET_VALUE, null, Map.of());
        ReminderService reminders = service(graph());
        Instant day = Instant.parse("2026-12-10T21:00:00Z");

        assertEquals(ReminderService.REJECTED, reminders.remind(day).orElseThrow().threshold());
        assertEquals(Optional.empty(), reminders.remind(day.plusSeconds(3600)));
        assertTrue(reminders.remind(day.plus(Duration.ofDays(1))).isPresent());

        assertEquals(2, email.sent.size());
        assertTrue(email.sent.get(0).subject().contains("rejects"), email.sent.get(0).subject());
        assertFalse(email.sent.get(0).plainText().contains(SECRET_VALUE));
    }

    @Test
    void withTheManagedIdentityCredentialThereIsNoClientSecretToRemindAbout() throws Exception {
        store.set(NAME, SECRET_VALUE, Instant.parse("2026-12-02T00:00:00Z"), Map.of());
        settings = SecretsTestKit.settings(entra, Map.of("ADMIN_EMAILS", "admin@example.org",
                "GRAPH_CREDENTIAL", "managed_identity", "GRAPH_CLIENT_SECRET", ""));

        assertEquals(Optional.empty(), service(NO_REGISTRATION).remind(Instant.parse("2026-12-01T21:00:00Z")));
        assertEquals(List.of(), email.sent);
    }

    private ReminderService service(AppRegistration registration) {
        return new ReminderService(store, registration, email, log, settings);
    }

    private AppRegistration graph() {
        CachedSecrets cache = new CachedSecrets(store, java.time.Clock.systemUTC(), Duration.ofMinutes(30));
        ClientSecretCredentials credentials = new ClientSecretCredentials(settings.graph(), new LoopbackHttpClient());
        RotatingClientSecretCredential credential = new RotatingClientSecretCredential(cache, NAME, credentials::forSecret);
        return new GraphAppRegistration(GraphClients.create(credential, settings.graph().baseUrl()), settings.clientId());
    }

    /** An app that may not read itself (no Application.ReadWrite.OwnedBy). */
    private static final AppRegistration NO_REGISTRATION = new AppRegistration() {
        @Override
        public Optional<Registration> read() {
            return Optional.empty();
        }

        @Override
        public NewPassword addPassword(String objectId, String displayName, Instant endDateTime) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removePassword(String objectId, java.util.UUID keyId) {
            throw new UnsupportedOperationException();
        }
    };

    static final class RecordingEmailSender implements AdminMailer {
        final List<Message> attempts = new ArrayList<>();
        final List<Message> sent = new ArrayList<>();
        boolean failNext;

        @Override
        public void send(Message email) throws AdminMailException {
            attempts.add(email);
            if (failNext) {
                failNext = false;
                throw new AdminMailException("ACS answered 503", null);
            }
            sent.add(email);
        }
    }
}
