package org.teamstelehealth.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.attendance.AppointmentFollower;
import org.teamstelehealth.attendance.AttendanceIndex;
import org.teamstelehealth.attendance.AttendanceSettings;
import org.teamstelehealth.attendance.InMemoryAttendanceIndex;
import org.teamstelehealth.intake.InMemoryReceiptStore;
import org.teamstelehealth.intake.Receipt;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.notifications.Delivery;
import org.teamstelehealth.notifications.DeliveryStatus;
import org.teamstelehealth.notifications.InMemoryDeliveryLog;
import org.teamstelehealth.notifications.InMemorySmsContacts;
import org.teamstelehealth.notifications.PhoneKeys;
import org.teamstelehealth.notifications.SmsNumbers;
import org.teamstelehealth.testing.Appointments;

class RetentionServiceTest {
    private static final RetentionSettings SETTINGS = new RetentionSettings(Duration.ofDays(90), Duration.ofDays(7));

    private final InMemoryAppointmentStore appointments = new InMemoryAppointmentStore();
    private final InMemoryDeliveryLog deliveries = new InMemoryDeliveryLog();
    private final InMemoryReceiptStore receipts = new InMemoryReceiptStore();
    private final RetentionService service = new RetentionService(appointments, deliveries, receipts, SETTINGS);
    /** Ends 2024-09-27T06:00Z. */
    private final Appointment ended = Appointments.ready("46", "2024-09-27T15:00:00+09:30");
    /** Ends a week later. */
    private final Appointment later = Appointments.ready("47", "2024-10-04T15:00:00+09:30");

    RetentionServiceTest() throws Exception {
        appointments.put(ended).put(later);
        deliveries.insert(delivery("46", "INVITATION-0-sms"));
        deliveries.insert(delivery("46", "INVITATION-0-email"));
        deliveries.insert(delivery("47", "INVITATION-0-sms"));
    }

    @Test
    void theDayAfterRetentionEndsEveryRowOfTheAppointmentGoesAndNothingElse() throws Exception {
        RetentionService.Purged purged = service.run(Instant.parse("2024-12-27T00:00:00Z"));

        assertEquals(new RetentionService.Purged(1, 2, 0), purged);
        assertTrue(appointments.find("46").isEmpty());
        assertTrue(deliveries.forAppointment("46").isEmpty());
        assertTrue(appointments.find("47").isPresent());
        assertEquals(1, deliveries.forAppointment("47").size());
    }

    @Test
    void theAppointmentsOtherRowsGoWithIt() throws Exception {
        java.util.List<String> purgedElsewhere = new java.util.ArrayList<>();
        RetentionService withEvents = new RetentionService(appointments, deliveries, receipts, SETTINGS,
                java.util.List.of((appointmentId, row) -> {
                    purgedElsewhere.add(appointmentId + " " + row.map(Appointment::id).orElse("no row"));
                    return 1;
                }));

        withEvents.run(Instant.parse("2024-12-27T00:00:00Z"));

        assertEquals(java.util.List.of("46 46"), purgedElsewhere, "with the row as it was before its purge");
    }

    @Test
    void theAttendanceIndexEntryAndTheSmsContactOfTheAppointmentGoWithIt() throws Exception {
        InMemoryAttendanceIndex attendanceIndex = new InMemoryAttendanceIndex();
        AppointmentFollower attendance = new AppointmentFollower(attendanceIndex,
                new AttendanceSettings(Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(24)));
        attendance.applied(ended, ended.updatedAt());
        attendance.applied(later, later.updatedAt());
        InMemorySmsContacts contacts = new InMemorySmsContacts();
        SmsNumbers numbers = new SmsNumbers(contacts, new PhoneKeys(new byte[32]));
        String phone = ended.snapshot().patient().mobilePhone();
        numbers.remember(phone, "46");
        numbers.remember(phone, "47");
        RetentionService withIndexes = new RetentionService(appointments, deliveries, receipts, SETTINGS,
                List.of((id, row) -> row.map(attendance::forget).orElse(0), (id, row) -> row.map(numbers::forget).orElse(0)));

        withIndexes.run(Instant.parse("2024-12-27T00:00:00Z"));

        assertEquals(List.of(), attendanceIndex.day(LocalDate.parse("2024-09-27")), "46 started that day");
        assertEquals(List.of("47"), attendanceIndex.day(LocalDate.parse("2024-10-04")).stream()
                .map(AttendanceIndex.Entry::appointmentId).toList());
        assertEquals(List.of("47"), contacts.appointments(numbers.key(phone).orElseThrow()),
                "a reply from the number still finds the appointment kept");
    }

    @Test
    void ninetyDaysAfterItEndedTheAppointmentIsStillKept() throws Exception {
        RetentionService.Purged purged = service.run(ended.retainedFrom().plus(Duration.ofDays(90)));

        assertEquals(new RetentionService.Purged(0, 0, 0), purged);
        assertTrue(appointments.find("46").isPresent());
    }

    @Test
    void runningTwiceChangesNothingTheSecondTime() throws Exception {
        Instant now = Instant.parse("2025-01-10T00:00:00Z");
        receipts.recordPending(Receipt.pending("msg_1", "appointment.created", "46", 1, now.minus(Duration.ofDays(8))));
        assertEquals(new RetentionService.Purged(2, 3, 1), service.run(now));

        assertEquals(new RetentionService.Purged(0, 0, 0), service.run(now));
    }

    @Test
    void receiptsGoAfterTheirOwnShorterWindow() throws Exception {
        Instant now = Instant.parse("2024-09-20T00:00:00Z");
        receipts.recordPending(Receipt.pending("old", "appointment.created", "46", 1, now.minus(Duration.ofDays(8))));
        receipts.recordPending(Receipt.pending("recent", "appointment.updated", "46", 2, now.minus(Duration.ofDays(6))));

        assertEquals(new RetentionService.Purged(0, 0, 1), service.run(now));
        assertTrue(receipts.find("old").isEmpty());
        assertTrue(receipts.find("recent").isPresent());
    }

    private static Delivery delivery(String appointmentId, String key) {
        Instant at = Instant.parse("2024-09-20T00:00:00Z");
        return new Delivery(appointmentId, key, NotificationIntent.Kind.INVITATION, 0,
                key.endsWith("sms") ? Delivery.Channel.SMS : Delivery.Channel.EMAIL, DeliveryStatus.SENT, "op", at, 1,
                "+614•••••919", 1, "GSM", null, null, at, null);
    }
}
