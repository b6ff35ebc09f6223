package org.teamstelehealth.appointments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.ClientSecretCredentials;
import org.teamstelehealth.bootstrap.GraphClients;
import org.teamstelehealth.bootstrap.Settings;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.join.JoinOutcome;
import org.teamstelehealth.join.JoinRequest;
import org.teamstelehealth.join.JoinService;
import org.teamstelehealth.join.ParticipantsSection;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.local.graph.FakeGraph;
import org.teamstelehealth.meetings.GraphMeetingGateway;
import org.teamstelehealth.meetings.TableDirectoryCache;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.AdminTokens;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.TestSettings;

/**
 * The queue function end to end: real Azurite tables and queues, the real Graph SDK against {@link FakeGraph}.
 * Queues are per test (prefixed) because every test class shares one Azurite.
 */
class AppointmentsFlowTest {
    private static final String VICTOR = "3efbdd46-d280-4b0f-a414-1ff1f3dda63a";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-03-01T00:00:00Z"), ZoneOffset.UTC);

    private FakeGraph graph;
    private Settings settings;
    private StorageClients storage;
    private String prefix;
    private TableAppointmentStore store;
    private MeetingGateway gateway;
    private final String id = "flow-" + UUID.randomUUID();

    @BeforeEach
    void start() {
        graph = FakeGraph.withJournal();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("GRAPH_TENANT_ID", "tenant-flow");
        overrides.put("GRAPH_BASE_URL", graph.graphBaseUrl());
        overrides.put("GRAPH_AUTHORITY_HOST", graph.authorityHost());
        settings = TestSettings.settings(overrides);
        storage = new StorageClients(settings.storage());
        prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "-";
        store = new TableAppointmentStore(storage::table);
        gateway = gateway(settings);
    }

    private MeetingGateway gateway(Settings settings) {
        return new GraphMeetingGateway(GraphClients.create(new ClientSecretCredentials(settings.graph(), new LoopbackHttpClient())
                .forSecret(settings.secrets().localGraphClientSecret().orElseThrow()), settings.graph().baseUrl()),
                settings.meetings(), new TableDirectoryCache(() -> storage.table(TableDirectoryCache.TABLE)), CLOCK);
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private AppointmentService service(AppointmentStore store, MeetingGateway gateway) {
        StorageQueues queues = new StorageQueues(name -> storage.queue(prefix + name));
        return new AppointmentService(store, gateway, queues, queues, queues, settings.meetings().retryPolicy());
    }

    private AppointmentsFunction function() {
        return new AppointmentsFunction(service(store, gateway), CLOCK);
    }

    private void deliver(AppointmentsFunction function, AppointmentMessage message, long dequeueCount) {
        function.run(Json.write(message), dequeueCount, FakeExecutionContext.of("appointments"));
    }

    private void deliver(String example) {
        deliver(function(), ContractExamples.message(example, id), 1);
    }

    private QueueClient queue(String name) {
        return storage.queue(prefix + name);
    }

    private List<NotificationIntent> notifications() {
        List<NotificationIntent> intents = new ArrayList<>();
        for (QueueMessageItem item : queue(NotificationIntent.QUEUE).receiveMessages(32)) {
            intents.add(Json.read(item.getBody().toString(), NotificationIntent.class));
        }
        return intents;
    }

    private Appointment row() {
        return store.find(id).orElseThrow();
    }

    private JsonNode graphMeeting() {
        assertEquals(1, graph.meetings().size(), "one meeting in Teams");
        return graph.meetings().values().iterator().next();
    }

    @Test
    void theContractLifecycleThroughTheQueueFunction() {
        deliver("lifecycle-1-created.json");
        assertEquals(TelehealthStatus.READY, row().status());
        assertEquals("2027-03-05T05:30:00Z", graphMeeting().get("startDateTime").asText());
        assertEquals("teams-telehealth-" + id, graphMeeting().get("externalId").asText());
        List<NotificationIntent> invitation = notifications();
        assertEquals(List.of(Kind.INVITATION), invitation.stream().map(NotificationIntent::kind).toList());
        assertEquals(row().meeting().joinWebUrl(), invitation.get(0).teamsJoinUrl());

        deliver("lifecycle-2-rescheduled.json");
        assertEquals("2027-03-05T06:10:00Z", graphMeeting().get("startDateTime").asText());
        assertEquals("2027-03-05T06:40:00Z", graphMeeting().get("endDateTime").asText());
        List<NotificationIntent> update = notifications();
        assertEquals(List.of(Kind.UPDATE), update.stream().map(NotificationIntent::kind).toList());
        assertEquals(1, update.get(0).sequence());

        deliver("lifecycle-3-confirmed.json");
        assertTrue(notifications().isEmpty(), "confirming changes no time: nobody is told");
        assertEquals(3, row().version());

        deliver("lifecycle-4-cancelled.json");
        assertTrue(graph.meetings().isEmpty(), "the meeting is deleted in Teams");
        assertEquals(TelehealthStatus.REMOVED, row().status());
        assertEquals(List.of(Kind.CANCELLATION), notifications().stream().map(NotificationIntent::kind).toList());

        List<Appointment> feed = store.forProvider("7", Instant.parse("2027-03-05T00:00:00Z"),
                Instant.parse("2027-03-06T00:00:00Z"));
        Appointment indexed = feed.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
        assertEquals(Snapshot.Status.CANCELLED, indexed.snapshot().status());
    }

    /** lifecycle-1 (booked, Dr Victor Hong) as version {@code version}, with {@code provider}'s provider. */
    private AppointmentMessage booked(long version, String provider) {
        Snapshot s = ContractExamples.message("lifecycle-1-created.json", id).snapshot();
        Snapshot.Provider p = ContractExamples.snapshot(provider).provider();
        return new AppointmentMessage("msg-" + id + "-" + version, "appointment.updated", CLOCK.instant(), 0,
                new Snapshot(id, version, Snapshot.Status.BOOKED, s.start(), s.durationMinutes(), s.timeZone(),
                        s.comments(), s.appointmentType(), s.patient(), p, s.location(), s.session()));
    }

    private List<String> externalIdsAskedFor() {
        return graph.server().findAll(postRequestedFor(urlPathMatching(".*/createOrGet"))).stream()
                .map(r -> Json.read(r.getBodyAsString(), JsonNode.class).get("externalId").asText()).toList();
    }

    @Test
    void bookedAgainAfterACancellationGetsALiveMeetingUnderAFreshExternalId() {
        deliver("lifecycle-1-created.json");
        deliver("lifecycle-4-cancelled.json");
        deliver(function(), booked(5, "lifecycle-1-created.json"), 1);

        assertEquals(TelehealthStatus.READY, row().status(), row().failureReason());
        assertEquals(List.of("teams-telehealth-" + id, "teams-telehealth-" + id + "-1"), externalIdsAskedFor());
        JsonNode live = graphMeeting();
        assertEquals(live.get("id").asText(), row().meeting().meetingId(), "the row names the live meeting");
        assertEquals(live.get("joinWebUrl").asText(), row().meeting().joinWebUrl());
    }

    @Test
    void movedFromProviderAToBAndBackToAEachGetsALiveMeetingUnderItsOwnExternalId() {
        deliver(function(), booked(1, "lifecycle-1-created.json"), 1);
        deliver(function(), booked(2, "provider-by-object-id.json"), 1);
        deliver(function(), booked(3, "lifecycle-1-created.json"), 1);

        assertEquals(TelehealthStatus.READY, row().status(), row().failureReason());
        List<String> keys = externalIdsAskedFor();
        assertEquals(3, keys.stream().distinct().count(), keys.toString());
        JsonNode live = graphMeeting();
        assertEquals(VICTOR, live.at("/participants/organizer/identity/user/id").asText());
        assertEquals(live.get("id").asText(), row().meeting().meetingId());
    }

    @Test
    void inFacilitatorModeTheProviderCanAdmitAndAMoveToAnotherProviderRemovesTheOldOne() {
        String facilitator = "f0000000-0000-4000-8000-00000000000f";
        Map<String, String> overrides = new HashMap<>(Map.of("GRAPH_TENANT_ID", "tenant-flow",
                "GRAPH_BASE_URL", graph.graphBaseUrl(), "GRAPH_AUTHORITY_HOST", graph.authorityHost(),
                "MEETING_ORGANIZER_MODE", "facilitator", "MEETING_FACILITATOR_OBJECT_ID", facilitator));
        AppointmentsFunction function = new AppointmentsFunction(
                service(store, gateway(TestSettings.settings(overrides))), CLOCK);

        deliver(function, booked(1, "lifecycle-1-created.json"), 1);
        JsonNode attendees = graphMeeting().at("/participants/attendees");
        assertEquals(1, attendees.size(), attendees.toString());
        assertEquals(VICTOR, attendees.get(0).at("/identity/user/id").asText());
        assertEquals("coorganizer", attendees.get(0).get("role").asText(), "co-organisers admit from the lobby");

        deliver(function, booked(2, "provider-by-object-id.json"), 1);
        attendees = graphMeeting().at("/participants/attendees");
        assertEquals(1, attendees.size(), "the old provider is no longer in the meeting: " + attendees);
        assertEquals("b1c2d3e4-0000-4000-8000-000000000008", attendees.get(0).at("/identity/user/id").asText());
        assertEquals("coorganizer", attendees.get(0).get("role").asText());
        assertEquals(facilitator, graphMeeting().at("/participants/organizer/identity/user/id").asText());
        assertEquals("b1c2d3e4-0000-4000-8000-000000000008", row().meeting().coOrganizerId());
        assertEquals(1, externalIdsAskedFor().size(), "the same meeting, not a new one");
    }

    @Test
    void anOrganiserGraphDoesNotKnowFailsTheAppointmentSayingWhy() {
        graph.server().stubFor(post(urlPathMatching(".*/createOrGet")).atPriority(1).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"NotFound\",\"message\":\"Not found\"}}")));

        deliver("lifecycle-1-created.json");

        assertEquals(TelehealthStatus.FAILED, row().status());
        String reason = row().failureReason();
        assertTrue(reason.contains("Graph answered 404 for organiser " + VICTOR), reason);
        assertTrue(reason.contains("Teams licence"), reason);
        assertFalse(reason.contains("Clintel"), reason);
    }

    @Test
    void duplicatesAndAnOldVersionArrivingLateChangeNothing() {
        deliver("lifecycle-2-rescheduled.json");
        deliver("lifecycle-1-created.json");
        deliver("lifecycle-2-rescheduled.json");

        assertEquals(1, graph.server().findAll(postRequestedFor(urlPathMatching(".*/createOrGet"))).size());
        assertEquals("2027-03-05T06:10:00Z", graphMeeting().get("startDateTime").asText());
        assertEquals(2, row().version());
        assertEquals(List.of(Kind.INVITATION), notifications().stream().map(NotificationIntent::kind).toList());
    }

    @Test
    void aCrashBetweenGraphsAnswerAndTheTableWriteStillEndsWithOneMeeting() {
        AppointmentStore crashing = new AppointmentStore() {
            boolean crashed;

            @Override
            public Optional<Appointment> find(String appointmentId) {
                return store.find(appointmentId);
            }

            @Override
            public Appointment save(Appointment appointment) throws ConcurrentChangeException {
                if (!crashed) {
                    crashed = true;
                    throw new IllegalStateException("the process died");
                }
                return store.save(appointment);
            }

            @Override
            public List<Appointment> forProvider(String providerId, Instant from, Instant to) {
                return store.forProvider(providerId, from, to);
            }

            @Override
            public String scheduleChange(String providerId) {
                return store.scheduleChange(providerId);
            }

            @Override
            public List<Retained> retainedBefore(java.time.LocalDate day) {
                return store.retainedBefore(day);
            }

            @Override
            public Attention.Page needingAttention(java.util.Set<Attention> categories, Instant from, Instant to,
                    int limit, String after) {
                return store.needingAttention(categories, from, to, limit, after);
            }

            @Override
            public void purge(Retained entry) {
                store.purge(entry);
            }
        };
        AppointmentsFunction function = new AppointmentsFunction(service(crashing, gateway), CLOCK);
        AppointmentMessage message = ContractExamples.message("lifecycle-1-created.json", id);

        assertThrows(IllegalStateException.class, () -> deliver(function, message, 1));
        deliver(function, message, 2);

        assertEquals(2, graph.server().findAll(postRequestedFor(urlPathMatching(".*/createOrGet"))).size());
        JsonNode meeting = graphMeeting();
        assertEquals(meeting.get("id").asText(), row().meeting().meetingId());
        assertEquals(1, notifications().size());
    }

    @Test
    void throttlingPutsTheMessageBackWithRetryAfterAsItsDelay() throws Exception {
        // Warm up (class loading, token, tables) so the timing below measures only the throttled invocation.
        deliver(function(), ContractExamples.message("provider-by-object-id.json", id + "-warm"), 1);
        notifications();
        graph.server().stubFor(post(urlPathMatching(".*/createOrGet")).atPriority(1).willReturn(aResponse()
                .withStatus(429).withHeader("Content-Type", "application/json").withHeader("Retry-After", "4")
                .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Slow down\"}}")));

        deliver("lifecycle-1-created.json");
        long sent = System.nanoTime();
        // The SDK's own retry would have slept Retry-After and asked again.
        assertEquals(1, graph.server().findAll(postRequestedFor(
                urlPathEqualTo("/v1.0/users/" + VICTOR + "/onlineMeetings/createOrGet"))).size(),
                "no sleeping and retrying inside the invocation");

        QueueClient appointments = queue(AppointmentMessage.QUEUE);
        assertEquals(1, appointments.getProperties().getApproximateMessagesCount());
        assertNull(appointments.peekMessage(), "invisible until Retry-After has passed");
        QueueMessageItem retry = null;
        for (int i = 0; i < 60 && retry == null; i++) {
            Thread.sleep(250);
            retry = appointments.receiveMessage();
        }
        assertNotNull(retry, "visible again after the delay");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent) >= 3_000, "hidden for Retry-After");
        AppointmentMessage again = Json.read(retry.getBody().toString(), AppointmentMessage.class);
        assertEquals(1, again.attempt());
        assertNotNull(again.firstTriedAt(), "the retry time counts from the first try, across the queue");
        assertEquals(TelehealthStatus.PENDING, row().status(), "the admin sees it is on its way");
        assertEquals(0, row().version(), "nothing applied yet");
        assertTrue(row().failureReason().contains("429"), row().failureReason());

        graph.server().resetMappings();
        graph.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).atPriority(10)
                .willReturn(aResponse().withTransformers(FakeGraph.TRANSFORMER)));
        deliver(function(), again, 1);
        assertEquals(TelehealthStatus.READY, row().status());
    }

    @Test
    void aMissingAccessPolicyFailsThatProvidersAppointmentOnlyWithTheFixInTheStatus() {
        graph.server().stubFor(post(urlPathEqualTo("/v1.0/users/" + VICTOR + "/onlineMeetings/createOrGet")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"General\",\"message\":\"No application access policy found for this app.\"}}")));
        String other = id + "-other";

        deliver("lifecycle-1-created.json");
        deliver(function(), ContractExamples.message("provider-by-object-id.json", other), 1);

        assertEquals(TelehealthStatus.FAILED, row().status());
        assertEquals(TelehealthStatus.READY, store.find(other).orElseThrow().status(), "other providers unaffected");
        assertEquals(0, queue(AppointmentMessage.QUEUE).getProperties().getApproximateMessagesCount(), "no retries");
        assertEquals(List.of(other), notifications().stream().map(NotificationIntent::appointmentId).toList());

        HttpResponseMessage response = status(id);
        assertEquals(200, response.getStatusCode());
        JsonNode body = read(response);
        assertEquals("failed", body.at("/telehealth/status").asText());
        String reason = body.at("/telehealth/reason").asText();
        assertTrue(reason.contains("Grant-CsApplicationAccessPolicy") && reason.contains(VICTOR), reason);
        assertFalse(reason.contains("Clintel"), reason);
    }

    @Test
    void twoVersionsProcessedAtTheSameMomentConverge() throws Exception {
        for (int round = 0; round < 3; round++) {
            String raced = id + "-race-" + round;
            CyclicBarrier bothRead = new CyclicBarrier(2);
            MeetingGateway afterBothRead = new MeetingGateway() {
                @Override
                public String organizerOf(Snapshot snapshot) throws MeetingException {
                    return gateway.organizerOf(snapshot);
                }

                @Override
                public Meeting create(Snapshot snapshot, String externalId) throws MeetingException {
                    await(bothRead);
                    return gateway.create(snapshot, externalId);
                }

                @Override
                public Meeting move(Meeting meeting, Snapshot snapshot) throws MeetingException {
                    return gateway.move(meeting, snapshot);
                }

                @Override
                public void delete(Meeting meeting) throws MeetingException {
                    gateway.delete(meeting);
                }
            };
            AppointmentsFunction function = new AppointmentsFunction(service(store, afterBothRead), CLOCK);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<?> v1 = threads.submit(() ->
                        deliver(function, ContractExamples.message("lifecycle-1-created.json", raced), 1));
                Future<?> v2 = threads.submit(() ->
                        deliver(function, ContractExamples.message("lifecycle-2-rescheduled.json", raced), 1));
                v1.get(60, TimeUnit.SECONDS);
                v2.get(60, TimeUnit.SECONDS);
            } finally {
                threads.shutdownNow();
            }

            Appointment converged = store.find(raced).orElseThrow();
            assertEquals(2, converged.version());
            assertEquals(Instant.parse("2027-03-05T06:10:00Z"), converged.meeting().start());
            JsonNode meeting = graph.meetings().get(converged.meeting().meetingId());
            assertEquals("2027-03-05T06:10:00Z", meeting.get("startDateTime").asText(), "Teams has the newest times");
            assertEquals(round + 1, graph.meetings().size(), "one meeting per appointment");
            List<NotificationIntent> told = notifications();
            // A writer that finds intents still on the row enqueues them too: the same delivery key, dropped downstream.
            assertEquals(1, told.stream().filter(i -> i.kind() == Kind.INVITATION)
                    .map(i -> i.deliveryKey("sms")).distinct().count(), "one invitation");
            assertTrue(converged.pendingIntents().isEmpty());
            assertEquals(List.of(2L), store.forProvider("7", Instant.parse("2027-03-05T00:00:00Z"),
                    Instant.parse("2027-03-06T00:00:00Z")).stream().filter(a -> a.id().equals(raced))
                    .map(Appointment::version).toList(), "the provider's schedule holds the newest version only");
        }
    }

    @Test
    void theLastDeliveryOfAMessageThatKeepsFailingMarksTheAppointmentFailed() {
        MeetingGateway broken = new MeetingGateway() {
            @Override
            public String organizerOf(Snapshot snapshot) {
                throw new IllegalStateException("unexpected");
            }

            @Override
            public Meeting create(Snapshot snapshot, String externalId) {
                throw new IllegalStateException("unexpected");
            }

            @Override
            public Meeting move(Meeting meeting, Snapshot snapshot) {
                throw new IllegalStateException("unexpected");
            }

            @Override
            public void delete(Meeting meeting) {
                throw new IllegalStateException("unexpected");
            }
        };
        AppointmentsFunction function = new AppointmentsFunction(service(store, broken), CLOCK);
        AppointmentMessage message = ContractExamples.message("lifecycle-1-created.json", id);

        assertThrows(IllegalStateException.class, () -> deliver(function, message, 4));
        assertTrue(store.find(id).isEmpty());
        assertThrows(IllegalStateException.class, () -> deliver(function, message, 5));

        assertEquals(TelehealthStatus.FAILED, row().status());
        assertTrue(row().failureReason().contains("poison"), row().failureReason());
    }

    @Test
    void theStatusRouteShowsParticipantsLikeTheSeedAnd404sForUnknownAppointments() {
        deliver("lifecycle-1-created.json");

        JsonNode body = read(status(id));
        assertEquals("ready", body.at("/telehealth/status").asText());
        assertEquals(1, body.get("version").asInt());
        assertEquals("booked", body.at("/appointment/status").asText());
        JsonNode patient = body.at("/participants/0");
        JsonNode provider = body.at("/participants/1");
        assertEquals("Clintel Test", patient.get("participant").asText());
        assertEquals("patient", patient.get("participant_type").asText());
        assertEquals("teams", patient.get("vendor").asText());
        assertEquals(row().meeting().meetingId(), patient.get("external_participant").asText());
        JoinLinks links = new JoinLinks(settings.join().linkKey(), settings.publicBaseUrl());
        assertEquals(links.link(id, "12", JoinLinks.Participant.PATIENT, row().linkNonce()).toString(), patient.get("entry_url").asText());
        assertEquals("provider", provider.get("participant_type").asText());
        assertEquals(links.link(id, "12", JoinLinks.Participant.PROVIDER, row().linkNonce()).toString(), provider.get("entry_url").asText());

        HttpResponseMessage missing = status("no-such-" + id);
        assertEquals(404, missing.getStatusCode());
        assertEquals("application/problem+json", missing.getHeader("Content-Type"));
    }

    @Test
    void theRevokeRouteKillsTheLinksSentAndSendsThePatientNewOnes() {
        deliver("lifecycle-1-created.json");
        String oldLink = read(status(id)).at("/participants/0/entry_url").asText();
        notifications();
        JoinLinks links = new JoinLinks(settings.join().linkKey(), settings.publicBaseUrl());
        JoinService join = new JoinService(store, new PatientResponses(new AppointmentUpdates(store,
                new Outbox(store, intent -> {}, event -> {}))), links, settings.join(), CLOCK);

        HttpResponseMessage response = new RevokeJoinLinksFunction(service(store, gateway), new AppointmentStatus(store,
                List.of(new ParticipantsSection(links))), CLOCK, AdminTokens.functionKeyOnly()).run(
                FakeHttpRequest.post("/api/manage/appointments/" + id + "/join-links/revoke"), id,
                FakeExecutionContext.of("revokeJoinLinks"));

        assertEquals(200, response.getStatusCode());
        String newLink = read(response).at("/participants/0/entry_url").asText();
        assertNotEquals(oldLink, newLink);
        assertInstanceOf(JoinOutcome.NotFound.class, join.join(request(oldLink)));
        assertInstanceOf(JoinOutcome.TooEarly.class, join.join(request(newLink)));
        List<NotificationIntent> told = notifications();
        assertEquals(List.of(Kind.UPDATE), told.stream().map(NotificationIntent::kind).toList());
        assertEquals(row().linkNonce(), told.get(0).linkNonce());
        assertEquals(404, new RevokeJoinLinksFunction(service(store, gateway), new AppointmentStatus(store, List.of()),
                CLOCK, AdminTokens.functionKeyOnly()).run(FakeHttpRequest.post("/api/manage/appointments/nope/join-links/revoke"), "nope-" + id,
                FakeExecutionContext.of("revokeJoinLinks")).getStatusCode());
    }

    @Test
    void withBrowserJoinABookingSendsThePatientToTheVirtualAppointmentLinkOrSaysWhyNot() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("GRAPH_TENANT_ID", "tenant-flow");
        overrides.put("GRAPH_BASE_URL", graph.graphBaseUrl());
        overrides.put("GRAPH_AUTHORITY_HOST", graph.authorityHost());
        overrides.put("PATIENT_JOIN", "browser");
        Settings browser = TestSettings.settings(overrides);
        AppointmentsFunction function = new AppointmentsFunction(service(store, gateway(browser)), CLOCK);
        JoinLinks links = new JoinLinks(browser.join().linkKey(), browser.publicBaseUrl());
        JoinService join = new JoinService(store, new PatientResponses(new AppointmentUpdates(store,
                new Outbox(store, intent -> {}, event -> {}))), links, browser.join(),
                Clock.fixed(Instant.parse("2027-03-05T05:45:00Z"), ZoneOffset.UTC)); // in both versions' windows

        deliver(function, ContractExamples.message("lifecycle-1-created.json", id), 1);
        JsonNode document = read(status(id));
        JoinOutcome patient = join.join(request(document.at("/participants/0/entry_url").asText()));
        JoinOutcome provider = join.join(request(document.at("/participants/1/entry_url").asText()));

        assertEquals(row().meeting().browserJoinUrl(), ((JoinOutcome.GoToMeeting) patient).joinWebUrl().toString());
        assertTrue(row().meeting().browserJoinUrl().startsWith("https://visit.teams.microsoft.com/"));
        assertEquals(row().meeting().joinWebUrl(), ((JoinOutcome.GoToMeeting) provider).joinWebUrl().toString());
        assertEquals("browser", document.at("/telehealth/patient_join").asText());

        graph.refuseVirtualAppointments();
        deliver(function, ContractExamples.message("lifecycle-2-rescheduled.json", id), 1);
        JsonNode refused = read(status(id));
        assertEquals("teams", refused.at("/telehealth/patient_join").asText());
        assertTrue(refused.at("/telehealth/patient_join_reason").asText().contains("403"), refused.toString());
        assertEquals("ready", refused.at("/telehealth/status").asText(), "the meeting itself moved");
        assertEquals(row().meeting().joinWebUrl(), ((JoinOutcome.GoToMeeting) join.join(
                request(refused.at("/participants/0/entry_url").asText()))).joinWebUrl().toString());
    }

    private static JoinRequest request(String link) {
        URI uri = URI.create(link);
        String[] path = uri.getPath().split("/");
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv[1]);
        }
        return new JoinRequest(path[path.length - 4], path[path.length - 2], query.get("vendor"),
                query.get("participant"), query.get("token"));
    }

    private HttpResponseMessage status(String appointmentId) {
        AppointmentStatus status = new AppointmentStatus(store,
                List.of(new ParticipantsSection(new JoinLinks(settings.join().linkKey(), settings.publicBaseUrl()))));
        return new AppointmentStatusFunction(status, AdminTokens.functionKeyOnly()).run(FakeHttpRequest.get("/api/manage/appointments/" + appointmentId),
                appointmentId, FakeExecutionContext.of("appointmentStatus"));
    }

    private static JsonNode read(HttpResponseMessage response) {
        try {
            return Json.MAPPER.readTree((String) response.getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The other thread already decided without Graph (it lost the race at the first read): go on.
        }
    }
}
