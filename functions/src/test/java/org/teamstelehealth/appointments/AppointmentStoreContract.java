package org.teamstelehealth.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.ContractExamples;

/**
 * What every {@link AppointmentStore} does; {@link InMemoryAppointmentStoreTest} and
 * {@link TableAppointmentStoreTest} run it.
 */
abstract class AppointmentStoreContract {
    static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");

    protected AppointmentStore store;
    /** Each test its own appointment and provider, so tests may share a store. */
    protected final String id = "a-" + UUID.randomUUID();
    protected final String provider = "p-" + UUID.randomUUID();

    protected abstract AppointmentStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    protected Snapshot snapshot(long version, String start, int minutes, Snapshot.Status status) {
        Snapshot s = ContractExamples.snapshot("lifecycle-1-created.json");
        Snapshot.Provider p = s.provider();
        return new Snapshot(id, version, status, OffsetDateTime.parse(start), minutes, s.timeZone(), s.comments(),
                s.appointmentType(), s.patient(), new Snapshot.Provider(provider, p.displayName(),
                        p.userPrincipalName(), p.entraObjectId(), p.email()), s.location(), s.session());
    }

    protected Appointment appointment(Snapshot s, Meeting meeting, String etag, List<NotificationIntent> intents) {
        return new Appointment(id, s.version(), s, false, TelehealthStatus.READY, meeting, 0, true, null, NOW, etag,
                intents, 0, "nonce-" + id, List.of(), 0, null, null, null);
    }

    @Test
    void savesAndReadsBackEveryField() throws Exception {
        Snapshot s = snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED);
        Meeting meeting = new Meeting("m-1", "org-1", "https://teams.microsoft.com/l/meetup-join/x",
                s.startInstant(), s.endInstant(), "provider-1", "https://visit.teams.microsoft.com/webrtc-svc/x",
                "Graph refused the browser join link (403)");
        NotificationIntent intent = new NotificationIntent(id, NotificationIntent.Kind.INVITATION, 0, s, meeting.joinWebUrl(), "n-" + id);

        Appointment saved = store.save(appointment(s, meeting, null, List.of(intent)).withNextIncarnation()
                .withNextIncarnation());
        Appointment read = store.find(id).orElseThrow();

        assertNotNull(saved.etag());
        assertEquals(saved.etag(), read.etag());
        assertEquals(s, read.snapshot());
        assertEquals(meeting, read.meeting());
        assertEquals(List.of(intent), read.pendingIntents());
        assertEquals(TelehealthStatus.READY, read.status());
        assertEquals(NOW, read.updatedAt());
        assertEquals(2, read.incarnation());
        assertEquals("nonce-" + id, read.linkNonce());
        assertEquals("nonce-" + id, store.forProvider(provider, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))
                .get(0).linkNonce(), "the feed's provider links need it too");
    }

    @Test
    void savesAndReadsBackTheOutboxAndWhatThePatientDid() throws Exception {
        Snapshot s = snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED);
        PatientResponse response = new PatientResponse(PatientResponse.Kind.CONFIRMED, NOW, "page");
        Attendance attendance = new Attendance(Attendance.Outcome.UNKNOWN, "no report", NOW);
        Appointment recorded = appointment(s, null, null, List.of())
                .withEvent("telehealth.ready", java.util.Map.of("participants", List.of()), NOW)
                .withEvent("patient.confirmed", java.util.Map.of(), NOW)
                .withPatientResponse(response).withAttendance(attendance).withDeliveryFailure("SMS: number rejected");

        Appointment saved = store.save(recorded);
        Appointment read = store.find(id).orElseThrow();

        assertEquals(recorded.pendingEvents(), read.pendingEvents());
        assertEquals(2, read.eventSequence());
        assertEquals(List.of(1L, 2L), read.pendingEvents().stream().map(e -> e.sequence()).toList());
        assertEquals(response, read.patientResponse());
        assertEquals(attendance, read.attendance());
        assertEquals("SMS: number rejected", read.deliveryFailure());
        Attendance figures = new Attendance(Attendance.Outcome.ATTENDED, null, NOW, true, true,
                new Attendance.Presence(NOW.minusSeconds(1500), NOW.minusSeconds(300), 20),
                new Attendance.Presence(NOW.minusSeconds(1700), NOW.minusSeconds(320), 18), 3, null);
        saved = store.save(store.find(id).orElseThrow().withAttendance(figures));
        assertEquals(figures, store.find(id).orElseThrow().attendance(), "who joined, when and for how long");
        attendance = figures;
        Appointment listed = store.forProvider(provider, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).get(0);
        assertEquals(attendance, listed.attendance(), "the feed says who attended");
        assertEquals(List.of(), listed.pendingEvents(), "the feed never reads the outbox");

        store.save(saved.withoutPendingEvents());
        assertEquals(List.of(), store.find(id).orElseThrow().pendingEvents());
        assertEquals(2, store.find(id).orElseThrow().eventSequence(), "sequences never go back");
    }

    @Test
    void aNewLinkNonceIsSaved() throws Exception {
        Snapshot s = snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED);
        Appointment saved = store.save(appointment(s, null, null, List.of()));

        store.save(saved.withLinkNonce("renewed", NOW));

        assertEquals("renewed", store.find(id).orElseThrow().linkNonce());
    }

    @Test
    void aWriteWithAStaleEtagIsAConcurrentChange() throws Exception {
        Snapshot s = snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED);
        Appointment first = store.save(appointment(s, null, null, List.of()));
        Appointment second = store.save(appointment(snapshot(2, "2027-03-05T16:00:00+10:30", 30,
                Snapshot.Status.CONFIRMED), null, first.etag(), List.of()));

        assertThrows(ConcurrentChangeException.class, () -> store.save(appointment(snapshot(3,
                "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.CANCELLED), null, first.etag(), List.of())));
        assertThrows(ConcurrentChangeException.class, () -> store.save(appointment(s, null, null, List.of())),
                "a second insert of the same appointment");
        // The etag returned by a save is the one the next save must use.
        store.save(appointment(snapshot(3, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.CANCELLED), null,
                second.etag(), List.of()));
        assertEquals(3, store.find(id).orElseThrow().version());
    }

    @Test
    void aWriteWithAnEtagForAnAppointmentNeverStoredIsAConcurrentChange() {
        Snapshot s = snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED);

        assertThrows(ConcurrentChangeException.class, () -> store.save(appointment(s, null, "W/\"x\"", List.of())));
        assertTrue(store.find(id).isEmpty());
    }

    @Test
    void theProviderWindowFollowsTheStartAndKeepsCancelledAppointments() throws Exception {
        Appointment v1 = store.save(appointment(snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED),
                null, null, List.of()));
        Appointment v2 = store.save(appointment(snapshot(2, "2027-03-05T16:40:00+10:30", 30, Snapshot.Status.BOOKED),
                null, v1.etag(), List.of()));
        store.save(appointment(snapshot(3, "2027-03-05T16:40:00+10:30", 30, Snapshot.Status.CANCELLED), null,
                v2.etag(), List.of()));

        List<Appointment> feed = store.forProvider(provider, Instant.parse("2027-03-05T00:00:00Z"),
                Instant.parse("2027-03-06T00:00:00Z"));
        assertEquals(1, feed.size());
        assertEquals(3, feed.get(0).version());
        assertEquals(Snapshot.Status.CANCELLED, feed.get(0).snapshot().status());
        assertNull(feed.get(0).etag(), "what the window reads is not for saving");
        assertTrue(store.forProvider(provider, Instant.parse("2027-03-05T05:30:00Z"),
                Instant.parse("2027-03-05T06:00:00Z")).isEmpty(), "the old start is gone");
    }

    @Test
    void forProviderReadsAHalfOpenWindowInStartOrder() throws Exception {
        String other = id;
        store.save(appointment(snapshot(1, "2027-03-05T10:00:00Z", 30, Snapshot.Status.BOOKED), null, null, List.of()));
        // Same provider, two more appointments: one earlier in the window, one starting exactly at its end.
        for (String[] a : new String[][] {{"b-" + other, "2027-03-05T09:00:00Z"}, {"c-" + other, "2027-03-05T12:00:00Z"}}) {
            Snapshot s = snapshot(1, a[1], 15, Snapshot.Status.BOOKED);
            Snapshot renamed = new Snapshot(a[0], 1, s.status(), s.start(), s.durationMinutes(), s.timeZone(), null,
                    s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
            store.save(new Appointment(a[0], 1, renamed, false, TelehealthStatus.NOT_TELEHEALTH, null, 0, false, null,
                    NOW, null, List.of(), 0, "", List.of(), 0, null, null, null));
        }

        List<Appointment> window = store.forProvider(provider, Instant.parse("2027-03-05T09:00:00Z"),
                Instant.parse("2027-03-05T12:00:00Z"));

        assertEquals(List.of("b-" + other, id), window.stream().map(Appointment::id).toList());
        assertTrue(store.forProvider("someone-else", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).isEmpty());
    }

    @Test
    void aVeryLongSnapshotIsSplitAcrossColumns() throws Exception {
        Snapshot s = snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED);
        Snapshot longComments = new Snapshot(id, 1, s.status(), s.start(), s.durationMinutes(), s.timeZone(),
                "x".repeat(100_000), s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());

        store.save(appointment(longComments, null, null, List.of()));

        assertEquals(100_000, store.find(id).orElseThrow().snapshot().comments().length());
    }

    @Test
    void idsWithCharactersKeysForbidAreStored() throws Exception {
        Snapshot s = snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED);
        String odd = "x/y#z?%2F\t" + UUID.randomUUID();
        Snapshot renamed = new Snapshot(odd, 1, s.status(), s.start(), s.durationMinutes(), s.timeZone(), null,
                s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
        store.save(new Appointment(odd, 1, renamed, false, TelehealthStatus.NOT_TELEHEALTH, null, 0, false, null, NOW, null, List.of(), 0, "", List.of(), 0, null, null, null));
        assertEquals(odd, store.find(odd).orElseThrow().id());
        assertEquals(List.of(odd), store.forProvider(provider, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))
                .stream().map(Appointment::id).toList());
    }

    @Test
    void theRetentionIndexListsAnAppointmentUnderTheDayItEndsAndFollowsAMove() throws Exception {
        Appointment v1 = store.save(appointment(snapshot(1, "2027-03-05T23:50:00Z", 30, Snapshot.Status.BOOKED),
                null, null, List.of()));

        assertFalse(retainedBefore("2027-03-06").contains(id), "ends on the 6th (UTC)");
        assertTrue(retainedBefore("2027-03-07").contains(id));

        store.save(appointment(snapshot(2, "2027-03-09T10:00:00Z", 30, Snapshot.Status.BOOKED), null, v1.etag(),
                List.of()));
        assertFalse(retainedBefore("2027-03-07").contains(id), "the old day's entry went with the move");
        assertEquals(List.of(new AppointmentStore.Retained(id, java.time.LocalDate.parse("2027-03-09"))),
                store.retainedBefore(java.time.LocalDate.parse("2027-03-10")).stream()
                        .filter(r -> r.appointmentId().equals(id)).toList());
    }

    @Test
    void aPurgeRemovesTheRowTheScheduleEntryAndTheIndexEntryAndCanRunAgain() throws Exception {
        Snapshot s = snapshot(1, "2027-03-05T10:00:00Z", 30, Snapshot.Status.BOOKED);
        store.save(appointment(s, null, null, List.of()));
        AppointmentStore.Retained entry = store.retainedBefore(java.time.LocalDate.parse("2027-03-06")).stream()
                .filter(r -> r.appointmentId().equals(id)).findFirst().orElseThrow();

        store.purge(entry);
        store.purge(entry);

        assertTrue(store.find(id).isEmpty());
        assertTrue(store.forProvider(provider, Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-04-01T00:00:00Z"))
                .isEmpty());
        assertFalse(retainedBefore("2027-03-06").contains(id));
    }

    @Test
    void theScheduleChangeTokenChangesWithEverySaveOrPurgeThatTouchesTheProvidersSchedule() throws Exception {
        String before = store.scheduleChange(provider);
        assertEquals(before, store.scheduleChange(provider), "nothing changed");

        Appointment v1 = store.save(appointment(snapshot(1, "2027-03-05T10:00:00Z", 30, Snapshot.Status.BOOKED),
                null, null, List.of()));
        String saved = store.scheduleChange(provider);
        assertNotEquals(before, saved, "a new appointment");
        assertEquals(saved, store.scheduleChange(provider));

        Appointment v2 = store.save(appointment(snapshot(2, "2027-03-05T10:00:00Z", 30, Snapshot.Status.CANCELLED),
                null, v1.etag(), List.of()));
        String cancelled = store.scheduleChange(provider);
        assertNotEquals(saved, cancelled, "a change of the same row");

        store.save(v2.withLinkNonce("another-nonce", NOW));
        String revoked = store.scheduleChange(provider);
        assertNotEquals(cancelled, revoked, "a revoked join link changes the feed's link");

        store.purge(store.retainedBefore(java.time.LocalDate.parse("2027-03-07")).stream()
                .filter(r -> r.appointmentId().equals(id)).findFirst().orElseThrow());
        assertNotEquals(revoked, store.scheduleChange(provider), "a purge");
    }

    @Test
    void anAppointmentMovedToAnotherProviderChangesBothTokensAndNoOneElses() throws Exception {
        Appointment v1 = store.save(appointment(snapshot(1, "2027-03-05T10:00:00Z", 30, Snapshot.Status.BOOKED),
                null, null, List.of()));
        String other = "q-" + UUID.randomUUID();
        String bystander = "r-" + UUID.randomUUID();
        String first = store.scheduleChange(provider);
        String second = store.scheduleChange(other);
        String third = store.scheduleChange(bystander);
        Snapshot s = snapshot(2, "2027-03-05T10:00:00Z", 30, Snapshot.Status.BOOKED);
        Snapshot moved = new Snapshot(id, 2, s.status(), s.start(), s.durationMinutes(), s.timeZone(), null,
                s.appointmentType(), s.patient(), new Snapshot.Provider(other, "Dr Other", null, null, null),
                s.location(), s.session());

        store.save(appointment(moved, null, v1.etag(), List.of()));

        assertNotEquals(first, store.scheduleChange(provider), "it left this schedule");
        assertNotEquals(second, store.scheduleChange(other), "it joined this one");
        assertEquals(third, store.scheduleChange(bystander));
    }

    @Test
    void theWindowReadsWhatTheFeedUsesAndNeitherPendingIntentsNorTheTeamsUrl() throws Exception {
        Snapshot s = snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED);
        Meeting meeting = new Meeting("m-1", "org-1", "https://teams.microsoft.com/l/meetup-join/x",
                s.startInstant(), s.endInstant()).withBrowserJoin("https://visit.teams.microsoft.com/webrtc-svc/x", null);
        NotificationIntent intent = new NotificationIntent(id, NotificationIntent.Kind.INVITATION, 0, s, meeting.joinWebUrl(), "n-" + id);
        store.save(appointment(s, meeting, null, List.of(intent)).withNextSequence());

        Appointment read = store.forProvider(provider, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).get(0);

        assertEquals(s, read.snapshot());
        assertEquals(1, read.sequence());
        assertEquals(NOW, read.updatedAt());
        assertEquals("nonce-" + id, read.linkNonce());
        assertEquals(TelehealthStatus.READY, read.status());
        assertNotNull(read.meeting(), "the feed says whether there is a meeting");
        assertNull(read.meeting().joinWebUrl(), "the feed never shows the raw Teams URL, so never reads it");
        assertNull(read.meeting().browserJoinUrl(), "nor the browser join URL");
        assertEquals(List.of(), read.pendingIntents());
    }

    @Test
    void aDeletionNeverSeenWithTimesIsRetainedFromWhenItArrived() throws Exception {
        store.save(new Appointment(id, 3, Snapshot.deleted(id, 3), true, TelehealthStatus.NOT_TELEHEALTH, null, 0, false,
                null, NOW, null, List.of(), 0, "", List.of(), 0, null, null, null));

        assertFalse(retainedBefore("2027-03-01").contains(id));
        assertTrue(retainedBefore("2027-03-02").contains(id));
    }

    // The attention list. Each test its own far-off day, so tests sharing a store see only their own entries.
    private final java.time.LocalDate day = java.time.LocalDate.of(2200, 1, 1)
            .plusDays(new java.util.Random().nextInt(200_000));

    /** A booked telehealth appointment {@code suffix} at {@code time} (UTC) on this test's day, its patient told. */
    private Appointment told(String suffix, String time) {
        Snapshot base = snapshot(1, day + "T" + time + ":00Z", 30, Snapshot.Status.BOOKED);
        Snapshot s = new Snapshot(id + suffix, 1, base.status(), base.start(), base.durationMinutes(), base.timeZone(),
                base.comments(), base.appointmentType(), base.patient(), base.provider(), base.location(), base.session());
        return new Appointment(id + suffix, 1, s, false, TelehealthStatus.READY, null, 0, true, null, NOW, null,
                List.of(), 0, "n", List.of(), 0, null, null, null);
    }

    private Attention.Page attention(Set<Attention> categories, int limit, String after) {
        return store.needingAttention(categories, dayStart(0), dayStart(1), limit, after);
    }

    private Instant dayStart(int plusDays) {
        return day.plusDays(plusDays).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    private List<String> ids(Attention.Page page) {
        return page.items().stream().map(Attention.Item::appointmentId).toList();
    }

    @Test
    void theAttentionListHasEachCategoryWithItsReasonAndNothingAboutThePatient() throws Exception {
        store.save(told("-failed", "10:00").withStatus(TelehealthStatus.FAILED, "No Teams licence for the provider", NOW));
        store.save(told("-pending", "11:00").withStatus(TelehealthStatus.PENDING, "Graph is busy", NOW));
        store.save(told("-undelivered", "09:00").withDeliveryFailure("SMS rejected: number not reachable")
                .withPatientResponse(new PatientResponse(PatientResponse.Kind.CONFIRMED, NOW, "page")));
        store.save(told("-cancel", "08:00").withPatientResponse(
                new PatientResponse(PatientResponse.Kind.CANCELLATION_REQUESTED, NOW, "sms")));
        store.save(told("-quiet", "07:00").withPatientResponse(new PatientResponse(PatientResponse.Kind.CONFIRMED, NOW, "sms")));
        Snapshot cancelled = snapshot(2, day + "T06:00:00Z", 30, Snapshot.Status.CANCELLED);
        store.save(appointment(cancelled, null, null, List.of()).withPatientResponse(
                new PatientResponse(PatientResponse.Kind.CANCELLATION_REQUESTED, NOW, "page")));

        Attention.Page failed = attention(Set.of(Attention.FAILED), 10, null);
        assertEquals(List.of(new Attention.Item(id + "-failed", Instant.parse(day + "T10:00:00Z"), provider,
                TelehealthStatus.FAILED, Attention.FAILED, "No Teams licence for the provider")), failed.items());
        assertNull(failed.next());
        assertEquals(List.of(id + "-pending"), ids(attention(Set.of(Attention.PENDING), 10, null)));
        assertEquals(List.of(id + "-undelivered"), ids(attention(Set.of(Attention.UNDELIVERED), 10, null)));
        assertEquals("SMS rejected: number not reachable",
                attention(Set.of(Attention.UNDELIVERED), 10, null).items().get(0).reason());
        assertEquals(List.of(id + "-cancel"), ids(attention(Set.of(Attention.CANCELLATION_REQUESTED), 10, null)),
                "the one the PMS already cancelled is done with");
        assertEquals(List.of(id + "-pending", id + "-failed"), ids(attention(Set.of(Attention.UNCONFIRMED), 10, null)),
                "told and no answer; not the ones who answered, nor the cancelled one");
        Attention.Page all = attention(java.util.EnumSet.allOf(Attention.class), 10, null);
        assertEquals(List.of(id + "-pending", id + "-pending", id + "-failed", id + "-failed", id + "-undelivered",
                id + "-cancel"), ids(all), "newest first, once per category");
        assertTrue(all.items().stream().noneMatch(i -> String.valueOf(i.reason()).contains(
                ContractExamples.snapshot("lifecycle-1-created.json").patient().familyName())), "no patient name");
    }

    @Test
    void theAttentionListPagesNewestFirstUntilItEnds() throws Exception {
        List<String> expected = new java.util.ArrayList<>();
        for (int hour = 9; hour >= 1; hour--) {
            store.save(told("-" + hour, "0" + hour + ":00"));
            expected.add(id + "-" + hour);
        }
        List<String> seen = new java.util.ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Attention.Page page = attention(Set.of(Attention.UNCONFIRMED), 4, next);
            assertTrue(page.items().size() <= 4, "at most the limit");
            seen.addAll(ids(page));
            next = page.next();
            pages++;
        } while (next != null && pages < 10);

        assertEquals(expected, seen, "each once, 09:00 first");
        assertNull(next);
        assertThrows(IllegalArgumentException.class,
                () -> store.needingAttention(Set.of(Attention.UNCONFIRMED), dayStart(0), dayStart(1), 4, "not-a-token"));
    }

    @Test
    void theAttentionListIsHalfOpenByStartAndAnEntryFollowsAMoveAndLeavesWhenNoLongerTrue() throws Exception {
        Appointment failed = store.save(told("", "23:45").withStatus(TelehealthStatus.FAILED, "no licence", NOW));
        assertEquals(List.of(), ids(store.needingAttention(Set.of(Attention.FAILED), dayStart(0),
                Instant.parse(day + "T23:45:00Z"), 10, null)), "a range ends before its end");
        assertEquals(List.of(id), ids(store.needingAttention(Set.of(Attention.FAILED),
                Instant.parse(day + "T23:45:00Z"), dayStart(2), 10, null)), "and starts at its start");

        Snapshot moved = snapshot(2, day.plusDays(3) + "T08:00:00Z", 30, Snapshot.Status.BOOKED);
        Appointment movedAway = store.save(failed.withSnapshot(moved, NOW));
        assertEquals(List.of(), ids(attention(Set.of(Attention.FAILED), 10, null)), "not at the old start");
        assertEquals(List.of(id), ids(store.needingAttention(Set.of(Attention.FAILED), dayStart(3), dayStart(4), 10, null)));

        store.save(movedAway.withStatus(TelehealthStatus.READY, null, NOW));
        assertEquals(List.of(), ids(store.needingAttention(Set.of(Attention.FAILED), dayStart(0), dayStart(5), 10, null)),
                "no longer failed");
        assertEquals(List.of(id), ids(store.needingAttention(Set.of(Attention.UNCONFIRMED), dayStart(0), dayStart(5), 10,
                null)), "still unconfirmed, once");
    }

    @Test
    void aPurgeTakesTheAttentionEntriesAndRetentionReadsNeverSeeThem() throws Exception {
        store.save(told("", "10:00").withStatus(TelehealthStatus.FAILED, "no licence", NOW));
        List<AppointmentStore.Retained> retained = store.retainedBefore(day.plusDays(1)).stream()
                .filter(r -> r.appointmentId().startsWith(id)).toList();
        assertEquals(List.of(new AppointmentStore.Retained(id, day)), retained, "the retention entry, once");

        store.purge(retained.get(0));

        assertEquals(List.of(), ids(attention(java.util.EnumSet.allOf(Attention.class), 10, null)));
    }

    private List<String> retainedBefore(String day) {
        return store.retainedBefore(java.time.LocalDate.parse(day)).stream()
                .map(AppointmentStore.Retained::appointmentId).toList();
    }
}
