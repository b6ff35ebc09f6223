package org.teamstelehealth.meetings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Meeting;
import org.teamstelehealth.appointments.PermanentMeetingException;
import org.teamstelehealth.appointments.TransientMeetingException;
import org.teamstelehealth.bootstrap.ClientSecretCredentials;
import org.teamstelehealth.bootstrap.GraphClients;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.local.graph.FakeGraph;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.GraphSettings;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.SettingsSource;
import org.teamstelehealth.testing.ContractExamples;

/** The real Graph SDK and azure-identity against {@link FakeGraph} on loopback: what they send, and what failures become. */
class GraphMeetingGatewayTest {
    private static final String VICTOR = "3efbdd46-d280-4b0f-a414-1ff1f3dda63a";
    private static final String KEY = "teams-telehealth-48";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

    private FakeGraph graph;
    private final InMemoryDirectoryCache directory = new InMemoryDirectoryCache();

    @BeforeEach
    void start() {
        graph = FakeGraph.withJournal();
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private GraphMeetingGateway gateway(Map<String, String> meetingSettings) {
        GraphSettings settings = new GraphSettings("tenant-1", "client-1",
                java.net.URI.create(graph.authorityHost()), java.net.URI.create(graph.graphBaseUrl()));
        SettingsSource source = new SettingsSource(meetingSettings);
        MeetingSettings meetings = MeetingSettings.from(source);
        source.check();
        return new GraphMeetingGateway(GraphClients.create(new ClientSecretCredentials(settings, new LoopbackHttpClient()).forSecret("secret-1"),
                settings.baseUrl()), meetings,
                directory, CLOCK);
    }

    private GraphMeetingGateway gateway() {
        return gateway(Map.of());
    }

    @Test
    void createsTheMeetingWithCreateOrGetKeyedByTheAppointmentThenAppliesTheSettings() throws Exception {
        Snapshot snapshot = ContractExamples.snapshot("lifecycle-1-created.json");

        Meeting meeting = gateway().create(snapshot, KEY);

        List<LoggedRequest> creates = graph.server().findAll(
                postRequestedFor(urlPathEqualTo("/v1.0/users/" + VICTOR + "/onlineMeetings/createOrGet")));
        assertEquals(1, creates.size());
        LoggedRequest create = creates.get(0);
        assertTrue(create.getHeader("Authorization").startsWith("Bearer local."), "bearer token from the token endpoint");
        JsonNode body = Json.MAPPER.readTree(create.getBodyAsString());
        assertEquals("teams-telehealth-48", body.get("externalId").asText());
        // 16:00 in Adelaide (+10:30) is 05:30 UTC.
        assertEquals(Instant.parse("2027-03-05T05:30:00Z"), Instant.parse(body.get("startDateTime").asText()));
        assertTrue(body.get("startDateTime").asText().endsWith("Z"), "sent in UTC: " + body.get("startDateTime"));
        assertEquals(Instant.parse("2027-03-05T06:00:00Z"), Instant.parse(body.get("endDateTime").asText()));
        assertEquals("Telehealth appointment with Dr Victor Hong", body.get("subject").asText());
        assertFalse(create.getBodyAsString().contains("Clintel"), "no patient data goes to Teams");
        assertFalse(create.getBodyAsString().contains("blood"), "comments never go to Teams");
        assertEquals(VICTOR, body.at("/participants/organizer/identity/user/id").asText());

        List<LoggedRequest> patches = graph.server().findAll(patchRequestedFor(
                urlPathEqualTo("/v1.0/users/" + VICTOR + "/onlineMeetings/" + meeting.meetingId())));
        assertEquals(1, patches.size());
        JsonNode settings = Json.MAPPER.readTree(patches.get(0).getBodyAsString());
        assertEquals("organization", settings.at("/lobbyBypassSettings/scope").asText());
        assertEquals("roleIsPresenter", settings.get("allowedPresenters").asText());
        assertFalse(settings.get("isEntryExitAnnounced").asBoolean());

        assertEquals(VICTOR, meeting.organizerId());
        assertTrue(meeting.joinWebUrl().startsWith("https://teams.microsoft.com/l/meetup-join/19%3ameeting_"));
        assertEquals(Instant.parse("2027-03-05T05:30:00Z"), meeting.start());
        assertEquals(1, graph.meetings().size());
    }

    @Test
    void rehearsingACreateReadsOneUserAndMakesNoMeetingAndAsksTheDirectoryNothingInEitherMode() {
        Snapshot snapshot = ContractExamples.snapshot("lifecycle-1-created.json");

        gateway().rehearseCreate(snapshot);
        facilitatorGateway().rehearseCreate(snapshot);

        List<String> graphCalls = graph.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/v1.0/"))
                .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).toList();
        assertEquals(List.of("GET /v1.0/users/00000000-0000-0000-0000-000000000000?$select=id,userPrincipalName",
                "GET /v1.0/users/00000000-0000-0000-0000-000000000000?$select=id,userPrincipalName"), graphCalls);
        assertTrue(graph.meetings().isEmpty(), "no meeting made");
        assertTrue(directory.user("00000000-0000-0000-0000-000000000000").isEmpty(), "nothing remembered");
        assertTrue(directory.user(VICTOR).isEmpty(), "the snapshot's provider not looked up");
    }

    @Test
    void creatingTwiceReturnsTheSameMeeting() throws Exception {
        Snapshot snapshot = ContractExamples.snapshot("lifecycle-1-created.json");
        Meeting first = gateway().create(snapshot, KEY);
        Meeting second = gateway().create(snapshot, KEY);
        assertEquals(first.meetingId(), second.meetingId());
        assertEquals(first.joinWebUrl(), second.joinWebUrl());
        assertEquals(1, graph.meetings().size());
    }

    @Test
    void movePatchesStartAndEndTogetherInUtc() throws Exception {
        GraphMeetingGateway gateway = gateway();
        Meeting meeting = gateway.create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);
        graph.server().resetRequests();

        Meeting moved = gateway.move(meeting, ContractExamples.snapshot("lifecycle-2-rescheduled.json"));

        LoggedRequest patch = graph.server().findAll(patchRequestedFor(anyUrl())).get(0);
        JsonNode body = Json.MAPPER.readTree(patch.getBodyAsString());
        assertEquals("2027-03-05T06:10:00Z", body.get("startDateTime").asText());
        assertEquals("2027-03-05T06:40:00Z", body.get("endDateTime").asText());
        assertEquals(Instant.parse("2027-03-05T06:10:00Z"), moved.start());
        assertEquals("2027-03-05T06:10:00Z", graph.meetings().get(meeting.meetingId()).get("startDateTime").asText());
    }

    @Test
    void deleteRemovesTheMeetingAndAMeetingAlreadyGoneCountsAsDone() throws Exception {
        GraphMeetingGateway gateway = gateway();
        Meeting meeting = gateway.create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);

        gateway.delete(meeting);
        gateway.delete(meeting);

        assertEquals(2, graph.server().findAll(deleteRequestedFor(anyUrl())).size());
        assertTrue(graph.meetings().isEmpty());
    }

    private static final String FACILITATOR = "f0000000-0000-4000-8000-00000000000f";

    private GraphMeetingGateway facilitatorGateway() {
        return gateway(Map.of("MEETING_ORGANIZER_MODE", "facilitator", "MEETING_FACILITATOR_OBJECT_ID", FACILITATOR));
    }

    @Test
    void inFacilitatorModeTheProviderIsCoOrganiserSoTheyCanAdmitThePatient() throws Exception {
        Meeting meeting = facilitatorGateway().create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);

        assertEquals(FACILITATOR, meeting.organizerId());
        assertEquals(VICTOR, meeting.coOrganizerId());
        JsonNode attendees = graph.meetings().get(meeting.meetingId()).at("/participants/attendees");
        assertEquals(1, attendees.size(), attendees.toString());
        assertEquals("coorganizer", attendees.get(0).get("role").asText());
        assertEquals(VICTOR, attendees.get(0).at("/identity/user/id").asText());
        assertEquals("victor@clintel.onmicrosoft.com", attendees.get(0).get("upn").asText());
        JsonNode settings = Json.MAPPER.readTree(graph.server().findAll(patchRequestedFor(anyUrl())).get(0).getBodyAsString());
        assertEquals("roleIsPresenter", settings.get("allowedPresenters").asText());
        assertEquals(attendees, settings.at("/participants/attendees"), "the full attendee list with allowedPresenters");
    }

    @Test
    void aProviderKnownOnlyByObjectIdIsLookedUpOnceForTheirUpn() throws Exception {
        Snapshot snapshot = withoutUpn(ContractExamples.snapshot("lifecycle-1-created.json"));
        GraphMeetingGateway gateway = facilitatorGateway();

        Meeting meeting = gateway.create(snapshot, KEY);
        gateway.create(snapshot, KEY);

        List<LoggedRequest> lookups = graph.server().findAll(getRequestedFor(urlPathEqualTo("/v1.0/users/" + VICTOR)));
        assertEquals(1, lookups.size());
        assertEquals("id,userPrincipalName", lookups.get(0).queryParameter("$select").firstValue());
        JsonNode attendee = graph.meetings().get(meeting.meetingId()).at("/participants/attendees/0");
        assertEquals(VICTOR, attendee.at("/identity/user/id").asText());
        assertEquals(VICTOR + "@local.onmicrosoft.com", attendee.get("upn").asText(), "the stand-in's UPN for that id");
    }

    @Test
    void movingAFacilitatorsMeetingToAnotherProviderRemovesTheOldOne() throws Exception {
        GraphMeetingGateway gateway = facilitatorGateway();
        Snapshot victors = ContractExamples.snapshot("lifecycle-1-created.json");
        Meeting meeting = gateway.create(victors, KEY);

        String other = "5c0ffee0-0000-4000-8000-000000000002";
        Meeting moved = gateway.move(meeting, withProvider(victors, "other-provider", other, "sam@clintel.onmicrosoft.com"));

        JsonNode attendees = graph.meetings().get(meeting.meetingId()).at("/participants/attendees");
        assertEquals(1, attendees.size(), attendees.toString());
        assertEquals(other, attendees.get(0).at("/identity/user/id").asText());
        assertEquals("coorganizer", attendees.get(0).get("role").asText());
        assertEquals(other, moved.coOrganizerId());
        assertEquals(FACILITATOR, graph.meetings().get(meeting.meetingId()).at("/participants/organizer/identity/user/id")
                .asText(), "the organiser stays");
    }

    @Test
    void createOrGetAnswering404NamesTheOrganiserAndTheLikelyCause() {
        graph.server().stubFor(post(urlPathMatching(".*/createOrGet")).atPriority(1).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"NotFound\",\"message\":\"Not found\"}}")));

        PermanentMeetingException e = assertThrows(PermanentMeetingException.class,
                () -> gateway().create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY));
        assertTrue(e.getMessage().contains("Graph answered 404 for organiser " + VICTOR), e.getMessage());
        assertTrue(e.getMessage().contains("Teams licence") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aProviderKnownOnlyByUpnIsLookedUpOnceAndCached() throws Exception {
        Snapshot snapshot = withoutObjectId(ContractExamples.snapshot("lifecycle-1-created.json"));
        GraphMeetingGateway gateway = gateway();

        Meeting meeting = gateway.create(snapshot, KEY);
        gateway.create(snapshot, KEY);

        List<LoggedRequest> lookups = graph.server().findAll(getRequestedFor(
                urlPathMatching("/v1.0/users/victor(@|%40)clintel.onmicrosoft.com")));
        assertEquals(1, lookups.size());
        assertEquals("id,userPrincipalName", lookups.get(0).queryParameter("$select").firstValue());
        assertEquals(directory.user("victor@clintel.onmicrosoft.com").orElseThrow().objectId(), meeting.organizerId());
    }

    @Test
    void anUnknownUpnIsAPermanentFailureNamingTheUpn() {
        graph.server().stubFor(get(urlPathMatching("/v1.0/users/[^/]+")).atPriority(1).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"Resource does not exist.\"}}")));

        PermanentMeetingException e = assertThrows(PermanentMeetingException.class,
                () -> gateway().create(withoutObjectId(ContractExamples.snapshot("lifecycle-1-created.json")), KEY));
        assertTrue(e.getMessage().contains("victor@clintel.onmicrosoft.com"), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void noApplicationAccessPolicyIsPermanentAndTellsTheAdminWhichUserToGrant() {
        graph.server().stubFor(post(urlPathMatching(".*/createOrGet")).atPriority(1).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"General\",\"message\":\"No application access policy found for this app.\"}}")));

        PermanentMeetingException e = assertThrows(PermanentMeetingException.class,
                () -> gateway().create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY));
        assertTrue(e.getMessage().contains("Grant-CsApplicationAccessPolicy"), e.getMessage());
        assertTrue(e.getMessage().contains("-Identity \"" + VICTOR + "\""), e.getMessage());
        assertFalse(e.getMessage().contains("Clintel"), "names the provider user, never the patient");
        assertEquals(1, graph.server().findAll(postRequestedFor(urlPathMatching(".*/createOrGet"))).size(), "not retried");
    }

    @Test
    void throttlingIsTransientWithRetryAfterAndTheSdkDoesNotSleepAndRetry() {
        graph.server().stubFor(post(urlPathMatching(".*/createOrGet")).atPriority(1).willReturn(aResponse()
                .withStatus(429).withHeader("Content-Type", "application/json").withHeader("Retry-After", "37")
                .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}")));

        long started = System.nanoTime();
        TransientMeetingException e = assertThrows(TransientMeetingException.class,
                () -> gateway().create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY));
        assertEquals(Optional.of(Duration.ofSeconds(37)), e.retryAfter());
        assertEquals(1, graph.server().findAll(postRequestedFor(urlPathMatching(".*/createOrGet"))).size());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0);
    }

    @Test
    void aRetryAfterDateIsMeasuredFromTheGatewaysClock() {
        graph.server().stubFor(post(urlPathMatching(".*/createOrGet")).atPriority(1).willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", "Mon, 02 Mar 2026 10:02:00 GMT")
                .withBody("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"Try later\"}}")));

        TransientMeetingException e = assertThrows(TransientMeetingException.class,
                () -> gateway().create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY));
        assertEquals(Optional.of(Duration.ofMinutes(2)), e.retryAfter());
    }

    @Test
    void serviceUnavailableWithoutRetryAfterIsTransientWithNoDelayGiven() {
        graph.server().stubFor(post(urlPathMatching(".*/createOrGet")).atPriority(1).willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"Try later\"}}")));

        TransientMeetingException e = assertThrows(TransientMeetingException.class,
                () -> gateway().create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY));
        assertTrue(e.retryAfter().isEmpty());
        assertEquals(1, graph.server().findAll(postRequestedFor(urlPathMatching(".*/createOrGet"))).size());
    }

    @Test
    void rejectedClientCredentialsArePermanentAndSaySoWithoutTheSecret() {
        graph.server().stubFor(post(urlPathMatching("/[^/]+/oauth2/v2.0/token")).atPriority(1).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\","
                        + "\"error_codes\":[7000215]}")));

        PermanentMeetingException e = assertThrows(PermanentMeetingException.class,
                () -> gateway().create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY));
        assertTrue(e.getMessage().contains("GRAPH_CLIENT_SECRET"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-1"));
        assertTrue(graph.server().findAll(postRequestedFor(urlPathMatching(".*/createOrGet"))).isEmpty());
    }

    @Test
    void theTokenIsFetchedOnceForManyCalls() throws Exception {
        GraphMeetingGateway gateway = gateway();
        Meeting meeting = gateway.create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);
        gateway.move(meeting, ContractExamples.snapshot("lifecycle-2-rescheduled.json"));
        gateway.delete(meeting);
        assertEquals(1, graph.server().findAll(postRequestedFor(urlPathMatching("/[^/]+/oauth2/v2.0/token"))).size());
    }

    @Test
    void graphUnreachableIsTransient() throws Exception {
        GraphMeetingGateway gateway = gateway();
        Meeting meeting = gateway.create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);
        GraphMeetingGateway fresh = gateway();
        graph.server().stop();

        assertThrows(TransientMeetingException.class,
                () -> gateway.move(meeting, ContractExamples.snapshot("lifecycle-2-rescheduled.json")));
        // A new client has no token yet: Entra unreachable is no verdict on the credentials either.
        assertThrows(TransientMeetingException.class,
                () -> fresh.create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY));
    }

    @Test
    void subjectTemplateIsTheAdminsAndCannotReachComments() throws Exception {
        gateway(Map.of("MEETING_SUBJECT_TEMPLATE", "{{location.display_name}}: {{appointment_type.description}}{{comments}}"))
                .create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);
        LoggedRequest create = graph.server().findAll(postRequestedFor(urlPathMatching(".*/createOrGet"))).get(0);
        assertEquals("Clintel Clinic: Telehealth", Json.MAPPER.readTree(create.getBodyAsString()).get("subject").asText());
    }

    private static Snapshot withoutUpn(Snapshot s) {
        Snapshot.Provider p = s.provider();
        return withProvider(s, p.id(), p.entraObjectId(), null);
    }

    private static Snapshot withProvider(Snapshot s, String id, String objectId, String upn) {
        Snapshot.Provider p = s.provider();
        return new Snapshot(s.id(), s.version() + 1, s.status(), s.start(), s.durationMinutes(), s.timeZone(),
                s.comments(), s.appointmentType(), s.patient(), new Snapshot.Provider(id, p.displayName(), upn, objectId,
                        p.email()), s.location(), s.session());
    }

    private static Snapshot withoutObjectId(Snapshot s) {
        Snapshot.Provider p = s.provider();
        return new Snapshot(s.id(), s.version(), s.status(), s.start(), s.durationMinutes(), s.timeZone(), s.comments(),
                s.appointmentType(), s.patient(), new Snapshot.Provider(p.id(), p.displayName(), p.userPrincipalName(),
                        null, p.email()), s.location(), s.session());
    }
    // PATIENT_JOIN=browser: the virtual appointment link, asked for after each create and move.

    /** The SDK's path: Kiota calls the bound function with "()", which Graph takes as well as without. */
    private static final String VIRTUAL_APPOINTMENT = "/getVirtualAppointmentJoinWebUrl()";

    private List<LoggedRequest> virtualAppointmentRequests(Meeting meeting) {
        return graph.server().findAll(getRequestedFor(urlPathEqualTo("/v1.0/users/" + VICTOR + "/onlineMeetings/"
                + meeting.meetingId() + VIRTUAL_APPOINTMENT)));
    }

    @Test
    void withBrowserJoinTheMeetingCarriesTheVirtualAppointmentUrlGraphGaveAfterCreateAndMove() throws Exception {
        GraphMeetingGateway gateway = gateway(Map.of("PATIENT_JOIN", "browser"));

        Meeting meeting = gateway.create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);

        assertEquals(1, virtualAppointmentRequests(meeting).size(), "GET on the organiser's meeting, v1.0");
        assertTrue(virtualAppointmentRequests(meeting).get(0).getHeader("Authorization").startsWith("Bearer "));
        assertTrue(meeting.browserJoinUrl().startsWith("https://visit.teams.microsoft.com/"), meeting.browserJoinUrl());
        assertEquals(null, meeting.browserJoinRefusal());
        assertTrue(meeting.joinWebUrl().startsWith("https://teams.microsoft.com/l/meetup-join/"), "both kept");

        Meeting moved = gateway.move(meeting, ContractExamples.snapshot("lifecycle-2-rescheduled.json"));
        assertEquals(2, virtualAppointmentRequests(meeting).size(), "asked again after the move");
        assertEquals(meeting.browserJoinUrl(), moved.browserJoinUrl());
    }

    @Test
    void whenGraphRefusesTheBrowserLinkTheMeetingStandsAndSaysWhy() throws Exception {
        graph.refuseVirtualAppointments();

        Meeting meeting = gateway(Map.of("PATIENT_JOIN", "browser"))
                .create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);

        assertEquals(1, graph.meetings().size(), "the meeting is made");
        assertEquals(null, meeting.browserJoinUrl());
        assertTrue(meeting.joinWebUrl().startsWith("https://teams.microsoft.com/l/meetup-join/"));
        assertTrue(meeting.browserJoinRefusal().contains("403"), meeting.browserJoinRefusal());
        assertTrue(meeting.browserJoinRefusal().contains("joinWebUrl"), meeting.browserJoinRefusal());
    }

    @Test
    void aBusyGraphKeepsTheBrowserLinkTheMeetingHadAndA400IsARefusal() throws Exception {
        GraphMeetingGateway gateway = gateway(Map.of("PATIENT_JOIN", "browser"));
        Meeting meeting = gateway.create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);
        graph.server().stubFor(get(urlPathMatching(".*/getVirtualAppointmentJoinWebUrl.*")).atPriority(1).willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}}")));

        Meeting moved = gateway.move(meeting, ContractExamples.snapshot("lifecycle-2-rescheduled.json"));
        assertEquals(meeting.browserJoinUrl(), moved.browserJoinUrl(), "same meeting, same link");
        assertEquals(Instant.parse("2027-03-05T06:10:00Z"), moved.start(), "the move itself went through");

        graph.server().stubFor(get(urlPathMatching(".*/getVirtualAppointmentJoinWebUrl.*")).atPriority(1).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"BadRequest\",\"message\":\"not supported\"}}")));
        Meeting refused = gateway.move(moved, ContractExamples.snapshot("lifecycle-2-rescheduled.json"));
        assertEquals(null, refused.browserJoinUrl());
        assertTrue(refused.browserJoinRefusal().contains("400 BadRequest"), refused.browserJoinRefusal());
    }

    @Test
    void withTeamsJoinGraphIsNeverAskedForTheBrowserLink() throws Exception {
        Meeting meeting = gateway().create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);

        assertEquals(0, virtualAppointmentRequests(meeting).size());
        assertEquals(null, meeting.browserJoinUrl());
        assertEquals(null, meeting.browserJoinRefusal());
    }
}
