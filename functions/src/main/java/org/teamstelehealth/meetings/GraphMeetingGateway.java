package org.teamstelehealth.meetings;

import com.azure.core.exception.ClientAuthenticationException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.models.ChatInfo;
import com.microsoft.graph.models.Identity;
import com.microsoft.graph.models.IdentitySet;
import com.microsoft.graph.models.JoinMeetingIdSettings;
import com.microsoft.graph.models.LobbyBypassScope;
import com.microsoft.graph.models.LobbyBypassSettings;
import com.microsoft.graph.models.MeetingParticipantInfo;
import com.microsoft.graph.models.MeetingParticipants;
import com.microsoft.graph.models.OnlineMeeting;
import com.microsoft.graph.models.OnlineMeetingPresenters;
import com.microsoft.graph.models.OnlineMeetingRole;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.models.User;
import com.microsoft.graph.users.item.onlinemeetings.createorget.CreateOrGetPostRequestBody;
import com.microsoft.graph.users.item.onlinemeetings.createorget.CreateOrGetRequestBuilder;
import com.microsoft.graph.users.item.onlinemeetings.item.OnlineMeetingItemRequestBuilder;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestAdapter;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import com.microsoft.kiota.serialization.KiotaSerialization;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import com.microsoft.kiota.serialization.ParseNodeFactoryRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.teamstelehealth.appointments.Meeting;
import org.teamstelehealth.appointments.MeetingException;
import org.teamstelehealth.appointments.MeetingGateway;
import org.teamstelehealth.appointments.PatientJoin;
import org.teamstelehealth.appointments.PermanentMeetingException;
import org.teamstelehealth.appointments.TransientMeetingException;
import org.teamstelehealth.meetings.MeetingSettings.OrganizerMode;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.RetryAfter;

/**
 * {@link MeetingGateway} on Microsoft Graph's onlineMeetings API with application permissions:
 * {@code POST /users/{organizer}/onlineMeetings/createOrGet} keyed by the appointment's incarnation, then
 * {@code PATCH} for the settings createOrGet cannot set; {@code PATCH} to move; {@code DELETE} to remove.
 *
 * <p>In facilitator mode the provider is an attendee with the {@code coorganizer} role, named by object id and UPN:
 * by default only organisers, co-organisers and presenters admit people from the lobby, so the provider can admit
 * the patient whatever {@code MEETING_ALLOWED_PRESENTERS} is. Each update that touches the attendees sends them in
 * full, as the onlineMeeting update reference requires.
 *
 * <p>The SDK's own retry (which sleeps on the calling thread for up to minutes) is off for every request: a
 * throttled call becomes a {@link TransientMeetingException} carrying Retry-After, and the caller re-queues.
 */
@Adapter
public final class GraphMeetingGateway implements MeetingGateway, OrganizerResolver.UserLookup {
    private static final Set<Integer> TRANSIENT = Set.of(429, 500, 502, 503, 504);
    /** Graph only accepts and returns the evolvable onlineMeetingRole member coorganizer when asked to. */
    private static final String INCLUDE_EVOLVED_ENUMS = "include-unknown-enum-members";

    /** createOrGet's options: no SDK retry, and the coorganizer role. */
    private static final Consumer<CreateOrGetRequestBuilder.PostRequestConfiguration> CREATE_OR_GET = rc -> {
        noSdkRetry(rc.options);
        rc.headers.add("Prefer", INCLUDE_EVOLVED_ENUMS);
    };
    /** A meeting update's options, the same as {@link #CREATE_OR_GET}'s. */
    private static final Consumer<OnlineMeetingItemRequestBuilder.PatchRequestConfiguration> PATCH = rc -> {
        noSdkRetry(rc.options);
        rc.headers.add("Prefer", INCLUDE_EVOLVED_ENUMS);
    };

    private final GraphServiceClient graph;
    private final MeetingSettings settings;
    private final MeetingSubject subject;
    private final OrganizerResolver organizers;
    private final Clock clock;

    /** @param clock the now an HTTP-date Retry-After is measured from */
    public GraphMeetingGateway(GraphServiceClient graph, MeetingSettings settings, DirectoryCache directory, Clock clock) {
        this.graph = graph;
        this.settings = settings;
        this.subject = new MeetingSubject(settings);
        this.organizers = new OrganizerResolver(settings, directory, this);
        this.clock = clock;
    }

    @Override
    public String organizerOf(Snapshot snapshot) throws MeetingException {
        return organizers.organizerOf(snapshot);
    }

    @Override
    public Meeting create(Snapshot snapshot, String externalId) throws MeetingException {
        String organizer = organizers.organizerOf(snapshot);
        DirectoryUser coOrganizer = coOrganizerOf(snapshot);
        CreateOrGetPostRequestBody body = createOrGetBody(snapshot, externalId, organizer, coOrganizer);
        OnlineMeeting made;
        try {
            made = call(organizer, "create the meeting", () -> graph.users().byUserId(organizer)
                    .onlineMeetings().createOrGet().post(body, CREATE_OR_GET));
        } catch (GoneException e) {
            throw new PermanentMeetingException("Graph answered 404 for organiser " + organizer + " (not a patient"
                    + " datum; OK to show to admin): the user does not exist in this tenant or has no Teams licence"
                    + " (check the user in Entra ID and that a Teams licence is assigned, or correct the provider's"
                    + " entra_object_id / MEETING_FACILITATOR_OBJECT_ID)", e.getCause());
        }
        OnlineMeeting patch = settingsPatch(snapshot, body, coOrganizer != null ? body.getParticipants().getAttendees()
                : existing(made));
        OnlineMeeting updated = patch(organizer, made.getId(), patch, "apply the meeting settings");
        return withBrowserJoin(meeting(organizer, made, updated, snapshot, coOrganizer), null);
    }

    /**
     * Sends one request to Graph, a provider lookup of a user id no tenant has (404 from Graph; the token, the
     * connection and the reading of an answer are then ready), and builds and authenticates, without sending, the createOrGet and the
     * PATCH {@link #create} would send for {@code snapshot} with that user as organiser (and co-organiser in facilitator
     * mode; the directory is not asked); then reads that PATCH's body and a user back as Graph's answers are read.
     */
    @Override
    public void rehearseCreate(Snapshot snapshot) {
        try {
            userOf(REHEARSAL_USER.objectId());
        } catch (MeetingException e) {
            if (!(e.getCause() instanceof ApiException api && api.getResponseStatusCode() == 404)) {
                throw new IllegalStateException("The Graph rehearsal got no 404 (" + e.getMessage() + ")", e);
            }
        }
        String organizer = REHEARSAL_USER.objectId();
        DirectoryUser coOrganizer = settings.organizerMode() == OrganizerMode.FACILITATOR ? REHEARSAL_USER : null;
        CreateOrGetPostRequestBody body = createOrGetBody(snapshot, MeetingGateway.externalId(snapshot.id(), 0),
                organizer, coOrganizer);
        OnlineMeeting patch = settingsPatch(snapshot, body, body.getParticipants().getAttendees());
        var meetings = graph.users().byUserId(organizer).onlineMeetings();
        authenticated(meetings.createOrGet().toPostRequestInformation(body, CREATE_OR_GET));
        authenticated(meetings.byOnlineMeetingId(REHEARSAL_USER.objectId()).toPatchRequestInformation(patch, PATCH));
        readBack(answer(snapshot, body), OnlineMeeting::createFromDiscriminatorValue);
        User user = new User();
        user.setId(REHEARSAL_USER.objectId());
        user.setUserPrincipalName(REHEARSAL_USER.userPrincipalName());
        readBack(user, User::createFromDiscriminatorValue);
    }

    /** A meeting as createOrGet and PATCH answer for {@code body}: its settings, participants, join URL and ids. */
    private OnlineMeeting answer(Snapshot snapshot, CreateOrGetPostRequestBody body) {
        OnlineMeeting meeting = settingsPatch(snapshot, body, body.getParticipants().getAttendees());
        meeting.setParticipants(body.getParticipants());
        meeting.setId("rehearsal");
        meeting.setExternalId(body.getExternalId());
        meeting.setJoinWebUrl("https://teams.microsoft.com/l/meetup-join/rehearsal");
        JoinMeetingIdSettings joinId = new JoinMeetingIdSettings();
        joinId.setJoinMeetingId("0");
        joinId.setIsPasscodeRequired(false);
        meeting.setJoinMeetingIdSettings(joinId);
        ChatInfo chat = new ChatInfo();
        chat.setThreadId("rehearsal");
        chat.setMessageId("0");
        meeting.setChatInfo(chat);
        return meeting;
    }

    /** The made-up user {@link #rehearseCreate} names: an id no tenant has, a UPN in a domain that cannot exist. */
    private static final DirectoryUser REHEARSAL_USER = new DirectoryUser("00000000-0000-0000-0000-000000000000",
            "rehearsal@example.invalid");

    /** The HTTP request {@code send} would make of {@code request}, authenticated; the base URL filled in as it does. */
    private void authenticated(RequestInformation request) {
        RequestAdapter adapter = graph.getRequestAdapter();
        request.pathParameters.put("baseurl", adapter.getBaseUrl());
        adapter.convertToNativeRequest(request);
    }

    /** {@code value} written as JSON and read back into a new object, as a request body is written and an answer read. */
    private static <T extends Parsable> void readBack(Parsable value, ParsableFactory<T> factory) {
        try {
            // Every value, not only those changed since the object was last serialised (as a request body, say).
            String json = KiotaSerialization.serializeAsString("application/json", value, false);
            ParseNodeFactoryRegistry.defaultInstance.getParseNode("application/json",
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).getObjectValue(factory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What createOrGet is asked: the meeting keyed by {@code externalId}, its subject, times and participants. */
    private CreateOrGetPostRequestBody createOrGetBody(Snapshot snapshot, String externalId, String organizer,
            DirectoryUser coOrganizer) {
        CreateOrGetPostRequestBody body = new CreateOrGetPostRequestBody();
        body.setExternalId(externalId);
        body.setSubject(subject.render(snapshot));
        body.setStartDateTime(utc(snapshot.startInstant()));
        body.setEndDateTime(utc(snapshot.endInstant()));
        MeetingParticipants participants = new MeetingParticipants();
        participants.setOrganizer(participant(new DirectoryUser(organizer, null), null));
        participants.setAttendees(attendees(coOrganizer, snapshot.provider()));
        body.setParticipants(participants);
        return body;
    }

    /**
     * The PATCH after createOrGet, which ignores these and returns an earlier meeting's times if it already existed:
     * all set again, with {@code attendees} in full.
     */
    private OnlineMeeting settingsPatch(Snapshot snapshot, CreateOrGetPostRequestBody body,
            List<MeetingParticipantInfo> attendees) {
        OnlineMeeting patch = times(snapshot);
        patch.setSubject(body.getSubject());
        LobbyBypassSettings lobby = new LobbyBypassSettings();
        lobby.setScope(LobbyBypassScope.forValue(graphValue(settings.lobbyBypass())));
        lobby.setIsDialInBypassEnabled(false);
        patch.setLobbyBypassSettings(lobby);
        patch.setAllowedPresenters(OnlineMeetingPresenters.forValue(graphValue(settings.allowedPresenters())));
        patch.setIsEntryExitAnnounced(settings.announceEntryExit());
        // roleIsPresenter needs the full attendee list with the roles in the same request (onlineMeeting update).
        patch.setParticipants(attendeesOnly(attendees));
        return patch;
    }

    @Override
    public Meeting move(Meeting meeting, Snapshot snapshot) throws MeetingException {
        OnlineMeeting patch = times(snapshot);
        patch.setSubject(subject.render(snapshot));
        DirectoryUser coOrganizer = coOrganizerOf(snapshot);
        if (coOrganizer != null) {
            // The full list, so a provider the appointment moved away from stops being co-organiser.
            patch.setParticipants(attendeesOnly(attendees(coOrganizer, snapshot.provider())));
        }
        OnlineMeeting updated = patch(meeting.organizerId(), meeting.meetingId(), patch, "move the meeting");
        return withBrowserJoin(new Meeting(meeting.meetingId(), meeting.organizerId(),
                updated != null && updated.getJoinWebUrl() != null ? updated.getJoinWebUrl() : meeting.joinWebUrl(),
                snapshot.startInstant(), snapshot.endInstant(),
                coOrganizer != null ? coOrganizer.objectId() : meeting.coOrganizerId()), meeting);
    }

    /**
     * With {@code PATIENT_JOIN=browser}: the meeting with its virtual appointment URL
     * ({@code GET /users/{organizer}/onlineMeetings/{id}/getVirtualAppointmentJoinWebUrl}, v1.0), asked after each
     * create or move. The v1.0 reference lists no application permission for it while Microsoft's virtual appointment
     * pages describe app integrations, so Graph may refuse an app-only token: whatever it answers other than the URL,
     * the meeting stands and patients get {@code joinWebUrl}, and the meeting says why for the admin. A busy or
     * unreachable Graph keeps the URL {@code before} had (same meeting id), to be asked again at the next change.
     */
    private Meeting withBrowserJoin(Meeting meeting, Meeting before) {
        if (settings.patientJoin() != PatientJoin.BROWSER) {
            return meeting;
        }
        try {
            var answer = call(meeting.organizerId(), "get the virtual appointment join URL", () -> graph.users()
                    .byUserId(meeting.organizerId()).onlineMeetings().byOnlineMeetingId(meeting.meetingId())
                    .getVirtualAppointmentJoinWebUrl().get(rc -> noSdkRetry(rc.options)));
            if (answer != null && answer.getValue() != null && !answer.getValue().isBlank()) {
                return meeting.withBrowserJoin(answer.getValue(), null);
            }
            return meeting.withBrowserJoin(null, "Graph answered getVirtualAppointmentJoinWebUrl without a URL;"
                    + " patients get the Teams link (joinWebUrl)");
        } catch (TransientMeetingException e) {
            boolean kept = before != null && before.browserJoinUrl() != null;
            return meeting.withBrowserJoin(kept ? before.browserJoinUrl() : null, kept ? null
                    : e.getMessage() + "; patients get the Teams link (joinWebUrl) until the meeting next changes");
        } catch (MeetingException e) {
            return meeting.withBrowserJoin(null, refusal(e));
        }
    }

    private static String refusal(MeetingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ApiException api) {
            String code = api instanceof ODataError odata && odata.getError() != null ? odata.getError().getCode() : null;
            return "Graph refused the browser join link (getVirtualAppointmentJoinWebUrl answered "
                    + api.getResponseStatusCode() + (code == null ? "" : " " + code) + "): patients get the Teams link"
                    + " (joinWebUrl). Microsoft documents no application permission for it; see the admin guide,"
                    + " PATIENT_JOIN";
        }
        return "No browser join link (" + e.getMessage() + "): patients get the Teams link (joinWebUrl)";
    }

    @Override
    public void delete(Meeting meeting) throws MeetingException {
        try {
            call(meeting.organizerId(), "delete the meeting", () -> {
                graph.users().byUserId(meeting.organizerId()).onlineMeetings().byOnlineMeetingId(meeting.meetingId())
                        .delete(rc -> noSdkRetry(rc.options));
                return null;
            });
        } catch (GoneException gone) {
            // Already deleted (by an earlier try, or by hand in Teams): the outcome we wanted.
        }
    }

    @Override
    public DirectoryUser userOf(String objectIdOrUpn) throws MeetingException {
        try {
            var user = call(objectIdOrUpn, "look up the provider", () -> graph.users().byUserId(objectIdOrUpn)
                    .get(rc -> {
                        rc.queryParameters.select = new String[] {"id", "userPrincipalName"};
                        noSdkRetry(rc.options);
                    }));
            return new DirectoryUser(user.getId(), user.getUserPrincipalName());
        } catch (GoneException e) {
            throw new PermanentMeetingException("Provider user " + objectIdOrUpn + " was not found in Entra ID"
                    + " (GET /users/{id or upn} answered 404): correct the provider's user_principal_name or"
                    + " entra_object_id in the PMS", e.getCause());
        }
    }

    private OnlineMeeting patch(String organizer, String meetingId, OnlineMeeting patch, String what)
            throws MeetingException {
        try {
            return call(organizer, what, () -> graph.users().byUserId(organizer).onlineMeetings()
                    .byOnlineMeetingId(meetingId).patch(patch, PATCH));
        } catch (GoneException e) {
            throw new PermanentMeetingException("The Teams meeting to " + what + " no longer exists in organiser "
                    + organizer + "'s account (deleted in Teams?)", e.getCause());
        }
    }

    private OnlineMeeting times(Snapshot snapshot) {
        OnlineMeeting patch = new OnlineMeeting();
        patch.setStartDateTime(utc(snapshot.startInstant()));
        patch.setEndDateTime(utc(snapshot.endInstant()));
        return patch;
    }

    /** In facilitator mode the provider, who is made co-organiser so they can admit the patient; else nobody. */
    private DirectoryUser coOrganizerOf(Snapshot snapshot) throws MeetingException {
        return settings.organizerMode() == OrganizerMode.FACILITATOR ? organizers.provider(snapshot.provider()) : null;
    }

    private static List<MeetingParticipantInfo> attendees(DirectoryUser coOrganizer, Snapshot.Provider provider) {
        if (coOrganizer == null) {
            return List.of();
        }
        MeetingParticipantInfo info = participant(coOrganizer, provider.displayName());
        info.setRole(OnlineMeetingRole.Coorganizer);
        return List.of(info);
    }

    /** The attendees a meeting has (people added in Teams to a provider's own meeting stay). */
    private static List<MeetingParticipantInfo> existing(OnlineMeeting made) {
        return made.getParticipants() != null && made.getParticipants().getAttendees() != null
                ? made.getParticipants().getAttendees() : List.of();
    }

    /** An update's participants: the organiser cannot be changed, so only the attendees. */
    private static MeetingParticipants attendeesOnly(List<MeetingParticipantInfo> attendees) {
        MeetingParticipants participants = new MeetingParticipants();
        participants.setAttendees(attendees);
        return participants;
    }

    /** Named by both object id and UPN (Graph takes either; sending both leaves it no guess). */
    private static MeetingParticipantInfo participant(DirectoryUser user, String displayName) {
        MeetingParticipantInfo info = new MeetingParticipantInfo();
        Identity identity = new Identity();
        identity.setId(user.objectId());
        identity.setDisplayName(displayName);
        IdentitySet identities = new IdentitySet();
        identities.setUser(identity);
        info.setIdentity(identities);
        info.setUpn(user.userPrincipalName());
        return info;
    }

    private static Meeting meeting(String organizer, OnlineMeeting made, OnlineMeeting updated, Snapshot snapshot,
            DirectoryUser coOrganizer) {
        String joinUrl = updated != null && updated.getJoinWebUrl() != null ? updated.getJoinWebUrl() : made.getJoinWebUrl();
        return new Meeting(made.getId(), organizer, joinUrl, snapshot.startInstant(), snapshot.endInstant(),
                coOrganizer == null ? null : coOrganizer.objectId());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void noSdkRetry(List<RequestOption> options) {
        options.add(new RetryHandlerOption(null, 0, 0));
    }

    /** {@code MEETING_ALLOWED_PRESENTERS=role_is_presenter} to Graph's {@code roleIsPresenter}. */
    static String graphValue(Enum<?> setting) {
        String[] words = setting.name().toLowerCase().split("_");
        StringBuilder value = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            value.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return value.toString();
    }

    private interface GraphCall<T> {
        T run();
    }

    /** A 404: what to make of it depends on the call. */
    private static final class GoneException extends MeetingException {
        GoneException(Throwable cause) {
            super("Not found", cause);
        }
    }

    private <T> T call(String user, String what, GraphCall<T> call) throws MeetingException {
        try {
            return call.run();
        } catch (ApiException e) {
            throw classify(user, what, e);
        } catch (RuntimeException e) {
            if (cause(e, IOException.class) != null || cause(e, UncheckedIOException.class) != null) {
                // Graph or Entra unreachable: a network problem, not a verdict on our credentials.
                throw new TransientMeetingException("Could not reach Graph or Entra ID to " + what, null, e);
            }
            MsalServiceException entra = cause(e, MsalServiceException.class);
            if (entra != null && entra.statusCode() != null
                    && (entra.statusCode() == 429 || entra.statusCode() >= 500)) {
                throw new TransientMeetingException("Entra ID answered " + entra.statusCode()
                        + " when asked for a Graph token", null, e);
            }
            if (entra != null || cause(e, ClientAuthenticationException.class) != null) {
                throw credentialsRefused(e);
            }
            throw e;
        }
    }

    private MeetingException classify(String user, String what, ApiException e) {
        int status = e.getResponseStatusCode();
        String code = e instanceof ODataError odata && odata.getError() != null ? odata.getError().getCode() : null;
        String message = e instanceof ODataError odata && odata.getError() != null ? odata.getError().getMessage() : null;
        if (TRANSIENT.contains(status)) {
            return new TransientMeetingException("Graph answered " + status + " when asked to " + what,
                    retryAfter(e.getResponseHeaders()).orElse(null), e);
        }
        if (status == 404) {
            return new GoneException(e);
        }
        if (status == 403 && message != null && message.toLowerCase().contains("application access policy")) {
            return new PermanentMeetingException("Graph refused to " + what + " for organiser " + user
                    + ": no Teams application access policy is granted to that user. Run"
                    + " infra/teams/Grant-TelehealthAccessPolicy.ps1 -User \"" + user + "\" (in Teams PowerShell:"
                    + " Grant-CsApplicationAccessPolicy -PolicyName \"Teams-Telehealth\" -Identity \"" + user
                    + "\", the policy listing this app's client id), wait up to 30 minutes, then update the"
                    + " appointment to try again", e);
        }
        if (status == 401) {
            return new PermanentMeetingException("Graph rejected the app's token (401" + (code == null ? "" : " " + code)
                    + "): check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and the client secret (graph-client-secret in Key Vault, "
                    + "or GRAPH_CLIENT_SECRET without one)", e);
        }
        if (status == 403) {
            return new PermanentMeetingException("Graph refused to " + what + " for organiser " + user + " (403"
                    + (code == null ? "" : " " + code) + "): grant the app OnlineMeetings.ReadWrite.All and"
                    + " User.Read.All with admin consent, and the Teams application access policy to that user", e);
        }
        return new PermanentMeetingException("Graph answered " + status + (code == null ? "" : " " + code)
                + " when asked to " + what + " for organiser " + user, e);
    }

    private static PermanentMeetingException credentialsRefused(RuntimeException e) {
        return new PermanentMeetingException("Entra ID refused the app's credentials (invalid_client or unknown"
                + " tenant): check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and that the client secret (graph-client-secret in "
                + "Key Vault, or GRAPH_CLIENT_SECRET) has not expired", e);
    }

    /** The first of {@code e}'s causes (itself included) of {@code type}, or {@code null}. */
    static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Graph's Retry-After, whatever the case of the header's name. */
    private Optional<Duration> retryAfter(Map<String, Set<String>> headers) {
        return retryAfter(headers, clock);
    }

    /** Graph's Retry-After among {@code headers}, an HTTP date measured from {@code clock}. */
    static Optional<Duration> retryAfter(Map<String, Set<String>> headers, Clock clock) {
        if (headers == null) {
            return Optional.empty();
        }
        List<String> values = headers.entrySet().stream()
                .filter(header -> "retry-after".equalsIgnoreCase(header.getKey()))
                .flatMap(header -> header.getValue().stream())
                .toList();
        return RetryAfter.parse(values, clock);
    }
}
