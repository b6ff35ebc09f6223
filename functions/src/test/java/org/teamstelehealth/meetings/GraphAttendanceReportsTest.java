package org.teamstelehealth.meetings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Meeting;
import org.teamstelehealth.attendance.Attendee;
import org.teamstelehealth.attendance.ReportsException;
import org.teamstelehealth.bootstrap.ClientSecretCredentials;
import org.teamstelehealth.bootstrap.GraphClients;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.local.graph.FakeGraph;
import org.teamstelehealth.platform.GraphSettings;
import org.teamstelehealth.platform.SettingsSource;
import org.teamstelehealth.testing.ContractExamples;

/** The real Graph SDK reading attendance reports from {@link FakeGraph}: the paths it asks, paging, and failures. */
class GraphAttendanceReportsTest {
    private static final String VICTOR = "3efbdd46-d280-4b0f-a414-1ff1f3dda63a";
    private static final Instant START = Instant.parse("2027-03-05T05:30:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-03-05T07:00:00Z"), ZoneOffset.UTC);

    private FakeGraph graph;
    private Meeting meeting;
    private GraphAttendanceReports reports;

    @BeforeEach
    void start() throws Exception {
        graph = FakeGraph.withJournal();
        GraphSettings settings = new GraphSettings("tenant-1", "client-1", URI.create(graph.authorityHost()),
                URI.create(graph.graphBaseUrl()));
        var client = GraphClients.create(new ClientSecretCredentials(settings, new LoopbackHttpClient())
                .forSecret("secret-1"), settings.baseUrl());
        SettingsSource source = new SettingsSource(Map.of());
        meeting = new GraphMeetingGateway(client, MeetingSettings.from(source), new InMemoryDirectoryCache(), CLOCK)
                .create(ContractExamples.snapshot("lifecycle-1-created.json"), "teams-telehealth-48");
        reports = new GraphAttendanceReports(client, CLOCK);
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private Instant at(int minute) {
        return START.plusSeconds(minute * 60L);
    }

    @Test
    void beforeTeamsMadeTheReportTheListIsEmpty() throws Exception {
        assertEquals(List.of(), reports.attendees(VICTOR, meeting.meetingId()));

        List<LoggedRequest> asked = graph.server().findAll(getRequestedFor(urlPathMatching(
                "/v1\\.0/users/" + VICTOR + "/onlineMeetings/[^/]+/attendanceReports")));
        assertEquals(1, asked.size(), "GET /users/{organizer}/onlineMeetings/{id}/attendanceReports");
        assertTrue(asked.get(0).getHeader("Authorization").startsWith("Bearer "));
    }

    @Test
    void everyRecordOfEveryReportIsReadFollowingNextLinksWithoutNamesOrEmails() throws Exception {
        graph.addAttendanceReport(meeting.meetingId(), at(0), at(25), List.of(
                FakeGraph.attendee(VICTOR, null, "Victor Hong", "Organizer", at(4), at(22)),
                FakeGraph.attendee(null, null, "Clintel Test", "Attendee", at(1), at(10), at(12), at(21)),
                FakeGraph.attendee("a0000000-0000-4000-8000-00000000000a", "tenant-1", "Nurse", "Presenter", at(0), at(2))));
        graph.addAttendanceReport(meeting.meetingId(), at(40), at(45), List.of(
                FakeGraph.attendee(VICTOR, null, "Victor Hong", "Organizer", at(40), at(45))));

        List<Attendee> attendees = reports.attendees(VICTOR, meeting.meetingId());

        assertEquals(4, attendees.size());
        Attendee guest = attendees.get(1);
        assertNull(guest.id(), "a guest with no id");
        assertEquals(2, guest.intervals().size(), "rejoined");
        assertEquals(new Attendee.Interval(at(12), at(21), 540), guest.intervals().get(1));
        assertEquals("tenant-1", attendees.get(2).tenantId());
        assertEquals(VICTOR, attendees.get(3).id());
        assertFalse(attendees.toString().contains("Clintel"), "no display name kept");
        List<LoggedRequest> records = graph.server().findAll(getRequestedFor(urlPathMatching(
                "/v1\\.0/users/" + VICTOR + "/onlineMeetings/[^/]+/attendanceReports/[^/]+/attendanceRecords")));
        assertEquals(3, records.size(), "two pages of the first report, one of the second");
        assertTrue(records.get(1).getUrl().contains("$skiptoken=2"), records.get(1).getUrl());
    }

    @Test
    void aMissingApplicationPermissionSaysWhichAndIsNotRetried() {
        graph.server().stubFor(get(urlPathMatching(".*/attendanceReports")).atPriority(1).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Insufficient privileges.\"}}")));

        ReportsException e = assertThrows(ReportsException.class, () -> reports.attendees(VICTOR, meeting.meetingId()));

        assertEquals(ReportsException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("OnlineMeetingArtifact.Read.All"), e.getMessage());
        assertTrue(e.getMessage().contains("application access policy"), e.getMessage());
        assertEquals(1, graph.server().findAll(getRequestedFor(urlPathMatching(".*/attendanceReports"))).size());
    }

    @Test
    void aMissingAccessPolicyNamesTheOrganiserToGrant() {
        graph.server().stubFor(get(urlPathMatching(".*/attendanceReports")).atPriority(1).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"General\",\"message\":\"No application access policy found for this app.\"}}")));

        ReportsException e = assertThrows(ReportsException.class, () -> reports.attendees(VICTOR, meeting.meetingId()));

        assertEquals(ReportsException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("Grant-TelehealthAccessPolicy.ps1 -User \"" + VICTOR + "\""), e.getMessage());
    }

    @Test
    void aDeletedMeetingHasNoReports() throws Exception {
        new GraphMeetingGateway(GraphClients.create(new ClientSecretCredentials(new GraphSettings("tenant-1", "client-1",
                URI.create(graph.authorityHost()), URI.create(graph.graphBaseUrl())), new LoopbackHttpClient())
                .forSecret("secret-1"), URI.create(graph.graphBaseUrl())), MeetingSettings.from(new SettingsSource(Map.of())),
                new InMemoryDirectoryCache(), CLOCK).delete(meeting);

        ReportsException e = assertThrows(ReportsException.class, () -> reports.attendees(VICTOR, meeting.meetingId()));

        assertEquals(ReportsException.Kind.GONE, e.kind());
    }

    @Test
    void throttlingIsTransientWithGraphsRetryAfter() {
        graph.server().stubFor(get(urlPathMatching(".*/attendanceReports")).atPriority(1).willReturn(aResponse()
                .withStatus(429).withHeader("Retry-After", "120").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Slow down\"}}")));

        ReportsException e = assertThrows(ReportsException.class, () -> reports.attendees(VICTOR, meeting.meetingId()));

        assertEquals(ReportsException.Kind.TRANSIENT, e.kind());
        assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
        assertEquals(1, graph.server().findAll(getRequestedFor(urlPathMatching(".*/attendanceReports"))).size(),
                "the SDK does not sleep and retry");
    }
}
