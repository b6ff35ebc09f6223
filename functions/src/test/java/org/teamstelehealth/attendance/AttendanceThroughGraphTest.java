package org.teamstelehealth.attendance;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentService;
import org.teamstelehealth.appointments.AppointmentUpdates;
import org.teamstelehealth.appointments.Attendance.Outcome;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.appointments.Outbox;
import org.teamstelehealth.appointments.RetryPolicy;
import org.teamstelehealth.bootstrap.ClientSecretCredentials;
import org.teamstelehealth.bootstrap.GraphClients;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.local.graph.FakeGraph;
import org.teamstelehealth.meetings.DirectoryCache;
import org.teamstelehealth.meetings.DirectoryUser;
import org.teamstelehealth.meetings.GraphAttendanceReports;
import org.teamstelehealth.meetings.GraphMeetingGateway;
import org.teamstelehealth.meetings.MeetingSettings;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.GraphSettings;
import org.teamstelehealth.platform.SettingsSource;
import org.teamstelehealth.testing.ContractExamples;

/**
 * The whole path on the real Graph SDK and the Graph stand-in: a meeting made, the appointment completed (the meeting
 * stays), Graph's report not ready at first, then read; attendance recorded with its event, then the meeting deleted.
 */
class AttendanceThroughGraphTest {
    private static final String VICTOR = "3efbdd46-d280-4b0f-a414-1ff1f3dda63a";
    private static final Instant START = Instant.parse("2027-03-05T05:30:00Z");
    private static final Instant DUE = START.plus(Duration.ofMinutes(30 + 15));
    private static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);
    private static final AttendanceSettings SETTINGS = new AttendanceSettings(Duration.ofMinutes(15),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(24));

    private final FakeGraph graph = FakeGraph.withJournal();
    private final InMemoryAppointmentStore store = new InMemoryAppointmentStore();
    private final InMemoryAttendanceIndex index = new InMemoryAttendanceIndex();
    private final List<PmsEvent> events = new ArrayList<>();
    private final AppointmentService appointments;
    private final AttendanceService attendance;

    AttendanceThroughGraphTest() {
        GraphSettings settings = new GraphSettings("clinic-tenant", "client-1", URI.create(graph.authorityHost()),
                URI.create(graph.graphBaseUrl()));
        var client = GraphClients.create(new ClientSecretCredentials(settings, new LoopbackHttpClient())
                .forSecret("secret-1"), settings.baseUrl());
        DirectoryCache noDirectory = new DirectoryCache() {
            @Override
            public Optional<DirectoryUser> user(String objectIdOrUpn) {
                return Optional.empty();
            }

            @Override
            public void remember(DirectoryUser user) {}
        };
        GraphMeetingGateway meetings = new GraphMeetingGateway(client, MeetingSettings.from(new SettingsSource(Map.of())),
                noDirectory, CLOCK);
        appointments = new AppointmentService(store, meetings, intent -> {}, events::add, (m, d) -> {},
                new RetryPolicy(Duration.ofMinutes(30), Duration.ofSeconds(20), Duration.ofSeconds(600)),
                new AppointmentFollower(index, SETTINGS));
        attendance = new AttendanceService(index, new GraphAttendanceReports(client, CLOCK), store,
                new AppointmentUpdates(store, new Outbox(store, intent -> {}, events::add)),
                appointments::releaseKeptMeeting, new AttendanceRules("clinic-tenant"), SETTINGS);
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private Appointment row() {
        return store.find("48").orElseThrow();
    }

    private void complete(Instant at) {
        Snapshot s = ContractExamples.snapshot("lifecycle-1-created.json");
        Snapshot completed = new Snapshot("48", 2, Snapshot.Status.COMPLETED, s.start(), s.durationMinutes(),
                s.timeZone(), null, s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
        appointments.apply(new AppointmentMessage("c", "appointment.updated", at, 0, completed), at);
    }

    private Instant at(int minute) {
        return START.plusSeconds(minute * 60L);
    }

    @Test
    void theMeetingSurvivesCompletionUntilItsReportIsReadThenGoes() {
        appointments.apply(ContractExamples.message("lifecycle-1-created.json"), START.minus(Duration.ofDays(3)));
        String meetingId = row().meeting().meetingId();
        complete(at(31));
        assertEquals(1, graph.meetings().size(), "kept past completion");

        attendance.run(DUE);
        assertEquals(1, graph.meetings().size(), "no report yet: still kept");
        assertEquals(null, row().attendance());

        graph.addAttendanceReport(meetingId, at(0), at(25), List.of(
                FakeGraph.attendee(VICTOR, null, "Victor Hong", "Organizer", at(4), at(22)),
                FakeGraph.attendee(null, null, "Clintel Test", "Attendee", at(1), at(9), at(11), at(21)),
                FakeGraph.attendee("a0000000-0000-4000-8000-00000000000a", null, "Reception", "Presenter", at(0), at(1))));
        attendance.run(DUE.plus(Duration.ofMinutes(10)));

        assertEquals(Outcome.ATTENDED, row().attendance().outcome());
        assertEquals(18, row().attendance().patient().minutes(), "8 + 10 minutes over two joins");
        assertEquals(3, row().attendance().patientWaitMinutes());
        assertTrue(graph.meetings().isEmpty(), "deleted once attendance was recorded");
        assertEquals(List.of("telehealth.attended"), events.stream().map(PmsEvent::type)
                .filter(t -> t.startsWith("telehealth.a") || t.startsWith("telehealth.no")).toList());
        assertEquals(2, graph.server().findAll(getRequestedFor(urlPathMatching(
                "/v1\\.0/users/" + VICTOR + "/onlineMeetings/[^/]+/attendanceReports"))).size());
        assertEquals(2, graph.server().findAll(getRequestedFor(urlPathMatching(
                "/v1\\.0/users/" + VICTOR + "/onlineMeetings/[^/]+/attendanceReports/[^/]+/attendanceRecords"))).size(),
                "three records: two pages");
        Map<String, Object> section = (Map<String, Object>) new AttendanceSection(SETTINGS).describe(row());
        assertEquals("attended", section.get("outcome"));
        assertEquals("attended 18 min", section.get("text"));
        assertFalse(section.toString().contains("Clintel"), "no patient name in the section");

        attendance.run(DUE.plus(Duration.ofHours(2)));
        assertEquals(2, graph.server().findAll(getRequestedFor(urlPathMatching(".*/attendanceReports"))).size(),
                "recorded: not read again");
    }

    @Test
    void aRefusalIsRecordedOnceAsUnknownNamingThePermissionAndTheMeetingGoes() {
        graph.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching(".*/attendanceReports"))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Insufficient privileges.\"}}")));
        appointments.apply(ContractExamples.message("lifecycle-1-created.json"), START.minus(Duration.ofDays(3)));
        complete(at(31));

        attendance.run(DUE);
        attendance.run(DUE.plus(Duration.ofHours(1)));

        assertEquals(Outcome.UNKNOWN, row().attendance().outcome());
        assertTrue(row().attendance().reason().contains("OnlineMeetingArtifact.Read.All"), row().attendance().reason());
        assertEquals(1, graph.server().findAll(getRequestedFor(urlPathMatching(".*/attendanceReports"))).size());
        assertEquals(1, events.stream().filter(e -> e.type().equals("telehealth.attendance_unknown")).count());
        assertTrue(graph.meetings().isEmpty(), "the fetch gave up: the meeting follows the usual rules");
    }
}
