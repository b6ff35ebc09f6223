package org.teamstelehealth.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.TableAppointmentStore;
import org.teamstelehealth.attendance.TableAttendanceIndex;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.notifications.Delivery;
import org.teamstelehealth.notifications.DeliveryStatus;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.TestSettings;

/** The timer as Application wires it, against Azurite's tables. */
class RetentionThroughApplicationTest {
    /** Long after the fixture's 2024 appointment, with the retention period set to 30 days. */
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private final Application application = new Application(TestSettings.settings(Map.of("RETENTION_DAYS", "30")),
            Clock.fixed(NOW, ZoneOffset.UTC), null);

    @Test
    void theTimerPurgesTheAppointmentItsScheduleEntryAndDeliveriesAndLogsOnlyCounts() throws Exception {
        String id = "ret-" + System.nanoTime();
        Appointment a = Appointments.ready(id, "2024-09-27T15:00:00+09:30");
        application.appointments().save(new Appointment(a.id(), a.version(), a.snapshot(), false, a.status(), a.meeting(),
                0, true, null, a.updatedAt(), null, List.of(), 0, "", List.of(), 0, null, null, null));
        Instant at = Instant.parse("2024-09-20T00:00:00Z");
        application.deliveryLog().insert(new Delivery(id, "INVITATION-0-sms", NotificationIntent.Kind.INVITATION, 0,
                Delivery.Channel.SMS, DeliveryStatus.SENT, "op", at, 1, "+614•••••919", 1, "GSM", null, null, at, null));
        application.storage().table(TableAttendanceIndex.TABLE).upsertEntity(new TableEntity("2024-09-27", id));
        String phone = a.snapshot().patient().mobilePhone();
        application.smsNumbers().remember(phone, id);
        FakeExecutionContext context = FakeExecutionContext.of("retention");
        assertEquals(1, scheduleRows(id));

        application.function(RetentionFunction.class).run("{}", context);

        assertTrue(application.appointments().find(id).isEmpty());
        assertTrue(application.deliveryLog().forAppointment(id).isEmpty());
        assertEquals(0, scheduleRows(id));
        assertEquals(0, application.storage().table(TableAttendanceIndex.TABLE).listEntities(new ListEntitiesOptions()
                .setFilter("PartitionKey eq '2024-09-27' and RowKey eq '" + id + "'"), null, null).stream().count());
        String phoneKey = application.smsNumbers().key(phone).orElseThrow();
        assertFalse(application.smsNumbers().contacts().appointments(phoneKey).contains(id), "its SMS contact entry");
        String log = String.join("\n", context.logged());
        assertTrue(log.matches("(?s).*Retention: purged [1-9]\\d* appointments, [1-9]\\d* deliveries, \\d+ receipts.*"), log);
        assertFalse(log.contains(id) || log.contains("Clintel"), log);
    }

    private long scheduleRows(String id) {
        return application.storage().table(TableAppointmentStore.SCHEDULE).listEntities(new ListEntitiesOptions()
                .setFilter("PartitionKey eq '7' and RowKey eq '2024-09-27T05:30:00Z_" + id + "'"), null, null).stream().count();
    }
}
