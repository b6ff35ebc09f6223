package org.teamstelehealth.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.appointments.TelehealthStatus;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.SettingsSource;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.MutableClock;

/**
 * Reminders with a clock the test moves: planned when an appointment is applied, sent by minute ticks at their
 * offsets, moved with the appointment, dropped on cancellation, skipped when booked too late, caught up after an
 * outage, and moved earlier out of SMS quiet hours in the appointment's time zone (Adelaide, with its DST).
 */
class AppointmentRemindersTest {
    private final InMemoryAppointmentStore store = new InMemoryAppointmentStore();
    private final InMemoryReminderPlan plan = new InMemoryReminderPlan();
    private final List<Sent> sent = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2027-03-01T00:00:00Z"));
    private AppointmentReminders reminders = reminders(Map.of());

    /** One queued intent and the tick that queued it. */
    record Sent(Instant at, String key, NotificationIntent intent) {}

    private AppointmentReminders reminders(Map<String, String> settings) {
        return new AppointmentReminders(plan, store, intent -> sent.add(new Sent(clock.instant(),
                intent.deliveryKey(intent.reminder().channel()), intent)), ReminderSettings.from(new SettingsSource(settings)));
    }

    @Test
    void aBookingDaysAheadGetsEachOffsetAtItsTimeByItsChannels() {
        Appointment a = book("47", "2027-03-05T16:00:00+10:30");

        tickEveryMinuteUntil(a.snapshot().startInstant().plusSeconds(600));

        Instant start = a.snapshot().startInstant();
        assertEquals(List.of(
                        new Sent(start.minus(Duration.ofHours(24)), "REMINDER-24h-email", null),
                        new Sent(start.minus(Duration.ofHours(24)), "REMINDER-24h-sms", null),
                        new Sent(start.minus(Duration.ofMinutes(15)), "REMINDER-15m-sms", null)),
                withoutIntents(), "each at the first tick at or after its due time, once");
        NotificationIntent first = sent.get(0).intent();
        assertEquals(NotificationIntent.Kind.REMINDER, first.kind());
        assertEquals(a.meeting().joinWebUrl(), first.teamsJoinUrl());
        assertEquals(a.linkNonce(), first.linkNonce(), "the join link the patient already has");
        assertEquals(List.of(), plan.all(), "sent entries leave the plan");
    }

    @Test
    void aMovedAppointmentIsRemindedAtItsNewTimeOnly() {
        Appointment a = book("47", "2027-03-05T16:00:00+10:30");
        clock.set(Instant.parse("2027-03-02T00:00:00Z"));
        Appointment moved = apply(Appointments.withSnapshot(a, at(a.snapshot(), "2027-03-06T10:00:00+10:30"), false));

        tickEveryMinuteUntil(moved.snapshot().startInstant());

        Instant start = moved.snapshot().startInstant();
        assertEquals(List.of(start.minus(Duration.ofHours(24)), start.minus(Duration.ofHours(24)),
                start.minus(Duration.ofMinutes(15))), sent.stream().map(Sent::at).toList(), sent.toString());
        assertTrue(sent.stream().allMatch(s -> s.intent().snapshot().startInstant().equals(start)),
                "every reminder tells the new time");
    }

    @Test
    void aCancelledAppointmentGetsNoReminder() {
        Appointment a = book("47", "2027-03-05T16:00:00+10:30");
        Snapshot cancelled = Appointments.withStatus(a.snapshot(), Snapshot.Status.CANCELLED);
        apply(Appointments.withStatus(Appointments.withSnapshot(a, cancelled, false), TelehealthStatus.REMOVED, null));

        tickEveryMinuteUntil(a.snapshot().startInstant());

        assertEquals(List.of(), sent);
        assertEquals(List.of(), plan.all(), "the old entries were dropped when they fell due");
    }

    @Test
    void aDeletedOrPurgedAppointmentGetsNoReminder() {
        Appointment a = book("47", "2027-03-05T16:00:00+10:30");
        store.put(Appointments.withSnapshot(a, a.snapshot(), true));
        book("48", "2027-03-05T16:00:00+10:30");
        store.purge(new org.teamstelehealth.appointments.AppointmentStore.Retained("48", null));

        tickEveryMinuteUntil(a.snapshot().startInstant());

        assertEquals(List.of(), sent);
    }

    @Test
    void aBookingMadeAfterAnOffsetPassedSkipsIt() {
        clock.set(Instant.parse("2027-03-05T00:00:00Z")); // 10:30 in Adelaide, 5 h 30 before the start
        Appointment a = book("47", "2027-03-05T16:00:00+10:30");

        tickEveryMinuteUntil(a.snapshot().startInstant());

        assertEquals(List.of("REMINDER-15m-sms"), sent.stream().map(Sent::key).toList());
    }

    @Test
    void aBookingJustAfterTheOffsetStillGetsItWithinTheGraceButNotLater() {
        Instant start = OffsetDateTime.parse("2027-03-05T16:00:00+10:30").toInstant();
        clock.set(start.minus(Duration.ofMinutes(14)));
        book("47", "2027-03-05T16:00:00+10:30");
        clock.set(start.minus(Duration.ofMinutes(10)));
        book("48", "2027-03-05T16:00:00+10:30");

        tickEveryMinuteUntil(start);

        assertEquals(List.of("47"), sent.stream().map(s -> s.intent().appointmentId()).toList(),
                "one minute late is within the 2 minute grace; five is not");
    }

    @Test
    void afterAnOutageDueRemindersOfAppointmentsNotYetStartedGoOnceAtTheFirstTick() {
        Instant start = OffsetDateTime.parse("2027-03-05T16:00:00+10:30").toInstant();
        book("47", "2027-03-05T16:00:00+10:30");
        book("48", "2027-03-05T14:00:00+10:30");
        tick(Instant.parse("2027-03-03T12:00:00Z")); // the last tick before the outage
        clock.set(start.minus(Duration.ofMinutes(30))); // back 3 h after 48 started

        tick(clock.instant());
        tick(clock.instant().plusSeconds(60));

        assertEquals(List.of("47:REMINDER-24h-email", "47:REMINDER-24h-sms"), sent.stream()
                .map(s -> s.intent().appointmentId() + ":" + s.key()).toList(), "48 had started: not reminded late");
        assertEquals(start.minus(Duration.ofMinutes(30)), sent.get(0).at());
    }

    @Test
    void aLastTickAheadOfTheClockDoesNotHideWhatIsDueNow() {
        Appointment a = book("47", "2027-03-05T16:00:00+10:30");
        tick(Instant.parse("2027-06-01T00:00:00Z")); // a clock that ran ahead, since put right
        clock.set(a.snapshot().startInstant().minus(Duration.ofMinutes(16)));

        tickEveryMinuteUntil(a.snapshot().startInstant());

        assertEquals(List.of("REMINDER-15m-sms"), sent.stream().map(Sent::key).toList());
    }

    @Test
    void catchUpReachesBackOnlyAsFarAsItsWindow() {
        reminders = reminders(Map.of("REMINDER_CATCH_UP_HOURS", "1", "REMINDER_OFFSETS", "3h:email"));
        Instant start = OffsetDateTime.parse("2027-03-05T16:00:00+10:30").toInstant();
        book("47", "2027-03-05T16:00:00+10:30");
        tick(start.minus(Duration.ofHours(4)));

        tick(start.minus(Duration.ofMinutes(90))); // down 2 h 30, due 1 h 30 ago

        assertEquals(List.of(), sent, "due before the catch-up window: not sent late");
        assertEquals(List.of(), plan.all(), "nor left in the plan for ever");
    }

    @Test
    void anSmsDueInQuietHoursGoesAtTheLastMinuteBeforeThemAndTheEmailAtItsTime() {
        Appointment a = book("47", "2027-03-05T22:30:00+10:30"); // 24h before: 22:30 on the 4th

        assertEquals(Map.of(
                        "24h-sms", OffsetDateTime.parse("2027-03-04T20:59:00+10:30").toInstant(),
                        "24h-email", OffsetDateTime.parse("2027-03-04T22:30:00+10:30").toInstant(),
                        "15m-sms", OffsetDateTime.parse("2027-03-05T20:59:00+10:30").toInstant()),
                planned(), "never later than the start, never in quiet hours");
        tickEveryMinuteUntil(a.snapshot().startInstant());
        assertEquals(3, sent.size());
    }

    @Test
    void anEarlyMorningSmsMovesToTheEveningBeforeWhichQuietHoursBegin() {
        book("47", "2027-03-05T07:30:00+10:30");

        assertEquals(OffsetDateTime.parse("2027-03-04T20:59:00+10:30").toInstant(), planned().get("15m-sms"));
        assertEquals(OffsetDateTime.parse("2027-03-03T20:59:00+10:30").toInstant(), planned().get("24h-sms"));
    }

    @Test
    void quietHoursAreTheAppointmentsLocalHoursAcrossTheEndOfDaylightSaving() {
        // Adelaide leaves daylight saving at 03:00 on Sunday 4 April 2027 (+10:30 to +09:30).
        book("47", "2027-04-04T07:30:00+09:30");

        Map<String, Instant> planned = planned();
        assertEquals(Instant.parse("2027-04-03T10:29:00Z"), planned.get("15m-sms"),
                "20:59 on Saturday, still at +10:30");
        assertEquals(Instant.parse("2027-04-02T22:00:00Z"), planned.get("24h-sms"),
                "24 hours before is 08:30 on Saturday by the clock (the night was an hour longer): allowed");
    }

    @Test
    void quietHoursAcrossTheStartOfDaylightSaving() {
        // Adelaide starts daylight saving at 02:00 on Sunday 3 October 2027 (+09:30 to +10:30).
        book("47", "2027-10-03T08:10:00+10:30");

        Map<String, Instant> planned = planned();
        assertEquals(Instant.parse("2027-10-02T11:29:00Z"), planned.get("15m-sms"), "20:59 on Saturday at +09:30");
        assertEquals(Instant.parse("2027-10-01T11:29:00Z"), planned.get("24h-sms"),
                "24 hours before is 07:10 on Saturday by the clock: quiet, so 20:59 on Friday");
    }

    @Test
    void whenNoAllowedTimeIsLeftBeforeTheStartTheSmsIsSkippedAndTheEmailKept() {
        reminders = reminders(Map.of("REMINDER_OFFSETS", "15m:sms+email"));
        clock.set(OffsetDateTime.parse("2027-03-04T21:30:00+10:30").toInstant()); // booked in quiet hours
        Appointment a = book("47", "2027-03-05T07:00:00+10:30");

        tickEveryMinuteUntil(a.snapshot().startInstant());

        assertEquals(List.of("REMINDER-15m-email"), sent.stream().map(Sent::key).toList());
        assertEquals(OffsetDateTime.parse("2027-03-05T06:45:00+10:30").toInstant(), sent.get(0).at());
    }

    @Test
    void quietHoursOffSendsAtTheOffsetWhateverTheHour() {
        reminders = reminders(Map.of("REMINDER_SMS_QUIET_HOURS", "off"));
        book("47", "2027-03-05T07:30:00+10:30");

        assertEquals(OffsetDateTime.parse("2027-03-05T07:15:00+10:30").toInstant(), planned().get("15m-sms"));
    }

    @Test
    void aCatchUpSmsThatWouldLandInQuietHoursIsDropped() {
        book("47", "2027-03-05T22:30:00+10:30"); // 15m SMS planned for 20:59
        tick(OffsetDateTime.parse("2027-03-05T20:00:00+10:30").toInstant());

        tick(OffsetDateTime.parse("2027-03-05T21:30:00+10:30").toInstant()); // the timer was down at 20:59

        assertEquals(List.of(), sent.stream().filter(s -> s.key().equals("REMINDER-15m-sms")).toList());
    }

    @Test
    void switchedOffPlansAndSendsNothing() {
        reminders = reminders(Map.of("REMINDERS_ENABLED", "false"));
        Appointment a = book("47", "2027-03-05T16:00:00+10:30");

        tickEveryMinuteUntil(a.snapshot().startInstant());

        assertEquals(List.of(), sent);
        assertEquals(List.of(), plan.all());
    }

    @Test
    void anAppointmentWithoutAMeetingIsNotReminded() {
        Appointment a = Appointments.ready("47", "2027-03-05T16:00:00+10:30");
        apply(Appointments.withStatus(a, TelehealthStatus.FAILED, null));

        assertEquals(List.of(), plan.all());
    }

    private Appointment book(String id, String start) {
        return apply(Appointments.ready(id, start));
    }

    /** As the appointments worker does: stores the row, then tells the listener. */
    private Appointment apply(Appointment appointment) {
        store.put(appointment);
        reminders.applied(appointment, clock.instant());
        return appointment;
    }

    private void tick(Instant at) {
        clock.set(at);
        reminders.tick(at);
    }

    /** The timer's ticks, at every whole minute from now until {@code end}. */
    private void tickEveryMinuteUntil(Instant end) {
        Instant at = clock.instant().plusSeconds(60 - clock.instant().getEpochSecond() % 60);
        for (; !at.isAfter(end); at = at.plusSeconds(60)) {
            tick(at);
        }
    }

    private Map<String, Instant> planned() {
        Map<String, Instant> planned = new HashMap<>();
        plan.all().forEach(r -> planned.put(r.offset() + "-" + r.channel().id(), r.due()));
        return planned;
    }

    private List<Sent> withoutIntents() {
        return sent.stream().map(s -> new Sent(s.at(), s.key(), null)).toList();
    }

    private static Snapshot at(Snapshot s, String start) {
        return new Snapshot(s.id(), s.version() + 1, s.status(), OffsetDateTime.parse(start), s.durationMinutes(),
                s.timeZone(), s.comments(), s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
    }
}
