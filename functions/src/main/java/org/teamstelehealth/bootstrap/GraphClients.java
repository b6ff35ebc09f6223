package org.teamstelehealth.bootstrap;

import com.azure.core.credential.TokenCredential;
import com.microsoft.graph.models.Identity;
import com.microsoft.graph.models.IdentitySet;
import com.microsoft.graph.models.LobbyBypassScope;
import com.microsoft.graph.models.LobbyBypassSettings;
import com.microsoft.graph.models.MeetingParticipantInfo;
import com.microsoft.graph.models.MeetingParticipants;
import com.microsoft.graph.models.OnlineMeeting;
import com.microsoft.graph.models.OnlineMeetingPresenters;
import com.microsoft.graph.models.OnlineMeetingRole;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.onlinemeetings.OnlineMeetingsRequestBuilder;
import com.microsoft.graph.users.item.onlinemeetings.createorget.CreateOrGetPostRequestBody;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestAdapter;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import com.microsoft.kiota.serialization.ParseNodeFactoryRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.teamstelehealth.meetings.CachingTokenCredential;
import org.teamstelehealth.platform.GraphSettings;

/**
 * Builds the app's Graph client (client credentials), used for meetings and for the app registration
 * ({@code applications/{id}/addPassword}).
 */
public final class GraphClients {
    /** The global cloud's scope, and a loopback stand-in's. */
    public static final String SCOPE = "https://graph.microsoft.com/.default";
    private static final String[] GRAPH_HOSTS = {"graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us",
            "microsoftgraph.chinacloudapi.cn"};
    private static final String[] LOOPBACK_HOSTS = {"localhost", "127.0.0.1"};

    private GraphClients() {}

    /**
     * The one way the app builds a Graph client: tokens from {@code credential} (on Azure the secrets
     * feature's, which always uses the current client secret), requests to {@code baseUrl}.
     */
    public static GraphServiceClient create(TokenCredential credential, URI baseUrl) {
        String[] allowedHosts = GraphSettings.isLoopback(baseUrl) ? LOOPBACK_HOSTS : GRAPH_HOSTS;
        GraphServiceClient client = new GraphServiceClient(
                new AzureIdentityAuthenticationProvider(new CachingTokenCredential(credential), allowedHosts,
                        scope(baseUrl)));
        client.getRequestAdapter().setBaseUrl(baseUrl.toString().replaceAll("/+$", ""));
        return client;
    }

    /**
     * Readies a client made by {@link #create} for its first meeting without sending anything to Graph: gets the app
     * token (one call to Entra; the client's credential keeps it for the calls that follow), and does once, on
     * made-up values, what a meeting call does on its way out and back (builds, authenticates and serialises a
     * createOrGet, a PATCH and a user lookup; parses a meeting and a user), so that the first meeting does not wait
     * while the SDK's classes load and link. Throws what getting the token threw.
     */
    public static void warmUp(GraphServiceClient client) {
        RequestAdapter adapter = client.getRequestAdapter();
        String user = WARM_UP_ID;
        OnlineMeetingsRequestBuilder meetings = client.users().byUserId(user).onlineMeetings();
        build(adapter, client.users().byUserId(user).toGetRequestInformation(
                rc -> rc.queryParameters.select = new String[] {"id", "userPrincipalName"}));
        build(adapter, meetings.createOrGet().toPostRequestInformation(warmUpMeetingRequest()));
        build(adapter, meetings.byOnlineMeetingId(WARM_UP_ID).toPatchRequestInformation(warmUpPatch()));
        try {
            // The one request to Graph: read-only, for a user id no tenant has (Graph answers 404), so that the HTTP
            // client's connection and its sending and reading are ready too.
            client.users().byUserId(user).get(rc -> {
                rc.queryParameters.select = new String[] {"id", "userPrincipalName"};
                rc.options.add(new RetryHandlerOption(null, 0, 0));
            });
        } catch (ApiException expected) {
            // 404 from Graph; anything else the first real call reports.
        }
        parse(WARM_UP_MEETING, OnlineMeeting::createFromDiscriminatorValue);
        parse("{\"id\":\"" + WARM_UP_ID + "\",\"userPrincipalName\":\"warm-up@example.invalid\"}",
                User::createFromDiscriminatorValue);
    }

    private static final String WARM_UP_ID = "00000000-0000-0000-0000-000000000000";
    /** A meeting as createOrGet and PATCH answer it, with made-up values. */
    private static final String WARM_UP_MEETING = "{\"id\":\"warm-up\",\"externalId\":\"warm-up\",\"subject\":\"warm-up\","
            + "\"startDateTime\":\"2030-01-01T00:00:00Z\",\"endDateTime\":\"2030-01-01T00:30:00Z\","
            + "\"joinWebUrl\":\"https://teams.microsoft.com/l/meetup-join/warm-up\",\"allowedPresenters\":\"organizer\","
            + "\"isEntryExitAnnounced\":false,\"lobbyBypassSettings\":{\"scope\":\"organization\",\"isDialInBypassEnabled\":false},"
            + "\"participants\":{\"organizer\":{\"role\":\"presenter\",\"upn\":\"warm-up@example.invalid\","
            + "\"identity\":{\"user\":{\"id\":\"" + WARM_UP_ID + "\"}}},\"attendees\":[{\"role\":\"coorganizer\","
            + "\"identity\":{\"user\":{\"id\":\"" + WARM_UP_ID + "\"}}}]},"
            + "\"joinMeetingIdSettings\":{\"joinMeetingId\":\"0\",\"isPasscodeRequired\":false}}";

    private static CreateOrGetPostRequestBody warmUpMeetingRequest() {
        CreateOrGetPostRequestBody body = new CreateOrGetPostRequestBody();
        body.setExternalId("warm-up");
        body.setSubject("warm-up");
        OffsetDateTime start = OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        body.setStartDateTime(start);
        body.setEndDateTime(start.plusMinutes(30));
        MeetingParticipants participants = new MeetingParticipants();
        participants.setOrganizer(warmUpParticipant(null));
        participants.setAttendees(List.of(warmUpParticipant(OnlineMeetingRole.Coorganizer)));
        body.setParticipants(participants);
        return body;
    }

    private static OnlineMeeting warmUpPatch() {
        OnlineMeeting patch = new OnlineMeeting();
        patch.setStartDateTime(OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        patch.setEndDateTime(patch.getStartDateTime().plusMinutes(30));
        patch.setSubject("warm-up");
        LobbyBypassSettings lobby = new LobbyBypassSettings();
        lobby.setScope(LobbyBypassScope.Organization);
        lobby.setIsDialInBypassEnabled(false);
        patch.setLobbyBypassSettings(lobby);
        patch.setAllowedPresenters(OnlineMeetingPresenters.RoleIsPresenter);
        patch.setIsEntryExitAnnounced(false);
        MeetingParticipants participants = new MeetingParticipants();
        participants.setAttendees(List.of(warmUpParticipant(OnlineMeetingRole.Presenter)));
        patch.setParticipants(participants);
        return patch;
    }

    private static MeetingParticipantInfo warmUpParticipant(OnlineMeetingRole role) {
        Identity identity = new Identity();
        identity.setId(WARM_UP_ID);
        IdentitySet set = new IdentitySet();
        set.setUser(identity);
        MeetingParticipantInfo participant = new MeetingParticipantInfo();
        participant.setIdentity(set);
        participant.setRole(role);
        return participant;
    }

    /** The HTTP request {@code send} would make, authenticated; the base URL filled in first, as {@code send} does. */
    private static void build(RequestAdapter adapter, RequestInformation request) {
        request.pathParameters.put("baseurl", adapter.getBaseUrl());
        adapter.convertToNativeRequest(request);
    }

    private static <T extends Parsable> T parse(String json, ParsableFactory<T> factory) {
        return ParseNodeFactoryRegistry.defaultInstance.getParseNode("application/json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).getObjectValue(factory);
    }

    /**
     * The token scope for the cloud {@code baseUrl} is in ({@code https://graph.microsoft.us/.default} for US
     * Government L4, and so on): Graph refuses a token issued for another cloud's Graph.
     */
    public static String scope(URI baseUrl) {
        String host = baseUrl.getHost() == null ? "" : baseUrl.getHost().toLowerCase(Locale.ROOT);
        return Arrays.asList(GRAPH_HOSTS).contains(host) ? "https://" + host + "/.default" : SCOPE;
    }
}
