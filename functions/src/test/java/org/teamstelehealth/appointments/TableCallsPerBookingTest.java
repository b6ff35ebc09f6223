package org.teamstelehealth.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.ListEntitiesOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.attendance.AppointmentFollower;
import org.teamstelehealth.attendance.TableAttendanceIndex;
import org.teamstelehealth.bootstrap.Settings;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.platform.Concurrently;
import org.teamstelehealth.reminders.AppointmentReminders;
import org.teamstelehealth.reminders.TableReminderPlan;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.TestSettings;
import reactor.core.publisher.Mono;

/**
 * How many Table Storage requests the queue trigger makes per change, counted on the wire against Azurite: each
 * request is a round trip that a booking waits for, next to its Graph calls.
 */
class TableCallsPerBookingTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    /** What one booking cost before the store used write ETags and skipped index writes that change nothing. */
    private static final int BOOKING_CALLS_BEFORE = 12;
    /** What one reschedule cost then. */
    private static final int RESCHEDULE_CALLS_BEFORE = 14;

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, TableClient> clients = new ConcurrentHashMap<>();
    private final List<NotificationIntent> sent = new ArrayList<>();
    private AppointmentService service;
    private TableAppointmentStore store;
    private TableServiceClient tables;
    private final String id = "calls-" + UUID.randomUUID();

    @BeforeEach
    void setUp() {
        tables = new TableServiceClientBuilder()
                .connectionString(TestSettings.settings().storage().connectionString().orElseThrow())
                .addPolicy(new Counting()).buildClient();
        store = new TableAppointmentStore(clients::get);
        service = new AppointmentService(store, new FakeMeetings(), sent::add, event -> { }, (message, delay) -> { },
                new RetryPolicy(Duration.ofMinutes(30), Duration.ofSeconds(20), Duration.ofSeconds(600)));
        // Tables exist before counting starts, as they do after the first booking of a process.
        List.of(TableAppointmentStore.TABLE, TableAppointmentStore.SCHEDULE, TableAppointmentStore.RETENTION)
                .forEach(name -> clients.computeIfAbsent(name, n -> {
                    tables.createTableIfNotExists(n);
                    return tables.getTableClient(n);
                }));
        calls.clear();
    }

    @Test
    void aNewBookingTakesFewerThanHalfTheTableCallsItUsedToAndLeavesRowScheduleTokenAndIndexComplete() {
        String tokenBefore = store.scheduleChange("7");
        calls.clear();

        AppointmentService.Outcome outcome = service.apply(ContractExamples.message("lifecycle-1-created.json", id), NOW);

        assertEquals(AppointmentService.Outcome.APPLIED, outcome);
        assertEquals(1, sent.size(), "the invitation was queued");
        List<String> booking = List.copyOf(calls);
        // find; insert; the schedule entry with the provider's change token (one transaction); the retention and
        // attention entries (one transaction); the save clearing the intents.
        assertTrue(booking.size() <= 5 && booking.size() < BOOKING_CALLS_BEFORE / 2, "table calls for one booking: " + booking);
        assertStoredCompletely();
        assertNotEquals(tokenBefore, store.scheduleChange("7"), "the provider's feed sees a change");
    }

    @Test
    void aRescheduleAfterTheBookingTakesFewerThanHalfAndChangesTheToken() {
        service.apply(ContractExamples.message("lifecycle-1-created.json", id), NOW);
        String tokenBefore = store.scheduleChange("7");
        calls.clear();

        service.apply(ContractExamples.message("lifecycle-2-rescheduled.json", id), NOW);

        assertEquals(2, sent.size(), "the update was queued");
        // find; replace; the new schedule entry, the old one's deletion and the token (one transaction); the index
        // entries (one transaction); the save clearing the intents. Before: 1 find + 7 (save: read, replace, read
        // back, schedule read, upsert, old entry delete, index upsert) + 6 (the save clearing the intents) = 14.
        assertTrue(calls.size() <= 5 && calls.size() < RESCHEDULE_CALLS_BEFORE / 2, "table calls for one reschedule: " + calls);
        assertStoredCompletely();
        assertNotEquals(tokenBefore, store.scheduleChange("7"), "the provider's feed sees the move");
        assertEquals(1, tables.getTableClient(TableAppointmentStore.SCHEDULE).listEntities(new ListEntitiesOptions()
                .setFilter("PartitionKey eq '7' and AppointmentId eq '" + id + "'"), null, null).stream().count(),
                "the old start's entry is gone");
    }

    @Test
    void aBookingWithItsRemindersAndAttendanceWatchAsTheAppWiresThemTakesEightWhereItTookEleven() {
        Settings settings = TestSettings.settings();
        List.of(TableReminderPlan.TABLE, TableAttendanceIndex.TABLE).forEach(name -> clients.computeIfAbsent(name, n -> {
            tables.createTableIfNotExists(n);
            return tables.getTableClient(n);
        }));
        AppointmentReminders reminders = new AppointmentReminders(
                new TableReminderPlan(() -> clients.get(TableReminderPlan.TABLE)), store, sent::add, settings.reminders());
        AppointmentFollower attendance = new AppointmentFollower(
                new TableAttendanceIndex(() -> clients.get(TableAttendanceIndex.TABLE)), settings.attendance());
        AppointmentService wired = new AppointmentService(store, new FakeMeetings(), sent::add, event -> { },
                (message, delay) -> { }, new RetryPolicy(Duration.ofMinutes(30), Duration.ofSeconds(20),
                        Duration.ofSeconds(600)),
                (stored, at) -> Concurrently.run(() -> reminders.applied(stored, at), () -> attendance.applied(stored, at)));
        calls.clear();

        wired.apply(ContractExamples.message("lifecycle-1-created.json", id), NOW);

        // The 5 above; the 24-hour SMS and email reminders (one transaction) and the 15-minute SMS (another UTC day);
        // the attendance watch's entry. Before: 7 + one upsert per reminder (3) + 1.
        assertEquals(8, calls.size(), "table calls for one booking with its listeners: " + calls);
        assertEquals(3, new TableReminderPlan(() -> clients.get(TableReminderPlan.TABLE))
                .due(NOW, Instant.parse("2027-03-06T00:00:00Z")).stream().filter(r -> r.appointmentId().equals(id)).count(),
                "every reminder planned");
        assertEquals(1, clients.get(TableAttendanceIndex.TABLE).listEntities(new ListEntitiesOptions()
                .setFilter("RowKey eq '" + id + "'"), null, null).stream().count(), "the attendance watch follows it");
    }

    private void assertStoredCompletely() {
        TableClient raw = new TableServiceClientBuilder()
                .connectionString(TestSettings.settings().storage().connectionString().orElseThrow()).buildClient()
                .getTableClient(TableAppointmentStore.TABLE);
        assertTrue(raw.getEntity(id, "").getProperty("PendingIntents") == null, "intents cleared once queued");
        String scheduleKey = (String) raw.getEntity(id, "").getProperty("ScheduleKey");
        String[] parts = scheduleKey.split("/", 2);
        TableClient schedule = tables.getTableClient(TableAppointmentStore.SCHEDULE);
        assertEquals(raw.getEntity(id, "").getProperty("Version"), schedule.getEntity(parts[0], parts[1]).getProperty("Version"),
                "the schedule entry describes the row");
        assertTrue(schedule.getEntity(parts[0], parts[1]).getProperty("PendingIntents") == null,
                "schedule entries carry no intents");
        String day = (String) raw.getEntity(id, "").getProperty("RetentionDay");
        assertEquals(1, tables.getTableClient(TableAppointmentStore.RETENTION).listEntities(new ListEntitiesOptions()
                .setFilter("PartitionKey eq '" + day + "' and RowKey eq '" + id + "'"), null, null).stream().count(),
                "the retention index names the row's day");
        assertEquals(1, tables.getTableClient(TableAppointmentStore.RETENTION).listEntities(new ListEntitiesOptions()
                .setFilter("Category eq 'unconfirmed' and AppointmentId eq '" + id + "'"), null, null).stream().count(),
                "the attention index lists the told patient's appointment as unconfirmed, in the same calls");
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
