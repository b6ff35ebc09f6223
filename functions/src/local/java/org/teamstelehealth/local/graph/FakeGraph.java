package org.teamstelehealth.local.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Graph's onlineMeetings API and Entra's token endpoint, in-process on loopback (WireMock), answering
 * as Graph's documentation shows: a client-credentials token; {@code GET /users/{upn}}; {@code createOrGet}
 * (201 with a new meeting, 200 with the same meeting when the organiser and externalId repeat); {@code PATCH}
 * (200 with the updated meeting; attendees replaced by the list sent, the organiser kept); {@code GET};
 * {@code DELETE} (204, 404 when gone).
 *
 * <p>As strict as Graph, and a little stricter: every onlineMeeting body is checked against the v1.0 metadata
 * ({@link GraphRequestSchema}) and refused with Graph's 400 when Graph would not accept it. What Graph leaves
 * undocumented is answered with the worst plausible reading: a createOrGet with the externalId of a meeting that
 * was deleted replays the deleted meeting (whose id then answers 404), so only a fresh externalId gets a live one.
 *
 * <p>Tests add their own stubs (priority 1) for failures; everything else falls through to this behaviour.
 */
public final class FakeGraph implements AutoCloseable {
    public static final String TRANSFORMER = "fake-graph";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    private static final Pattern DISCOVERY = Pattern.compile("/([^/]+)/v2\\.0/\\.well-known/openid-configuration");
    private static final String NIL_OBJECT_ID = "00000000-0000-0000-0000-000000000000";
    private static final Pattern USER = Pattern.compile("/v1\\.0/users/([^/?]+)");
    private static final Pattern CREATE_OR_GET = Pattern.compile("/v1\\.0/users/([^/]+)/onlineMeetings/createOrGet");
    private static final Pattern MEETING = Pattern.compile("/v1\\.0/users/([^/]+)/onlineMeetings/([^/?]+)");
    private static final Pattern REPORTS = Pattern.compile("/v1\\.0/users/([^/]+)/onlineMeetings/([^/?]+)/attendanceReports");
    private static final Pattern RECORDS = Pattern.compile(
            "/v1\\.0/users/([^/]+)/onlineMeetings/([^/?]+)/attendanceReports/([^/?]+)/attendanceRecords");
    /**
     * Attendance records per page. Graph's page size is undocumented; two makes every test with a few attendees
     * follow {@code @odata.nextLink}.
     */
    public static final int RECORDS_PAGE_SIZE = 2;
    private static final Pattern VIRTUAL_APPOINTMENT = Pattern.compile(
            "/v1\\.0/users/([^/]+)/onlineMeetings/([^/?]+)/getVirtualAppointmentJoinWebUrl(?:\\(\\))?");

    private final WireMockServer server;
    /** Meetings by id. */
    private final Map<String, ObjectNode> meetings = new ConcurrentHashMap<>();
    /** Meetings deleted, by id: what a createOrGet replaying their externalId gets back. */
    private final Map<String, ObjectNode> deleted = new ConcurrentHashMap<>();
    private final GraphRequestSchema schema = GraphRequestSchema.fromClasspath();
    /** Attendance reports by meeting id, oldest first. */
    private final Map<String, List<ObjectNode>> reports = new ConcurrentHashMap<>();
    private volatile boolean refuseVirtualAppointments;

    /** Without a request journal, for the long-running local host. */
    public FakeGraph() {
        this(false);
    }

    /** A fake Graph that keeps a request journal, for tests that assert what the SDK sent. */
    public static FakeGraph withJournal() {
        return new FakeGraph(true);
    }

    /**
     * With a request journal and more WireMock extensions, e.g. a test's listener that acts after Graph made a
     * meeting and before the answer leaves.
     */
    public static FakeGraph withJournal(com.github.tomakehurst.wiremock.extension.Extension... extensions) {
        return new FakeGraph(true, extensions);
    }

    private FakeGraph(boolean journal, com.github.tomakehurst.wiremock.extension.Extension... extensions) {
        var config = options().bindAddress("127.0.0.1").dynamicPort().extensions(new Behaviour()).extensions(extensions);
        server = new WireMockServer(journal ? config : config.disableRequestJournal());
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(TRANSFORMER)));
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:port/v1.0} */
    public String graphBaseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1.0";
    }

    /** The authority as Entra's https address; the loopback HTTP client sends it over plain http. */
    public String authorityHost() {
        return "https://127.0.0.1:" + server.port();
    }

    /**
     * From now on {@code getVirtualAppointmentJoinWebUrl} answers 403, as Graph may for an app-only token: its v1.0
     * reference lists no application permission (what Graph then answers is undocumented; 403 Forbidden is assumed).
     */
    public FakeGraph refuseVirtualAppointments() {
        refuseVirtualAppointments = true;
        return this;
    }

    /** The meetings that exist now, by id. */
    public Map<String, JsonNode> meetings() {
        return Map.copyOf(meetings);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Behaviour implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String path = request.getUrl().split("\\?")[0];
            String method = request.getMethod().getName();
            try {
                Matcher m;
                if ((m = TOKEN.matcher(path)).matches() && method.equals("POST")) {
                    return json(200, token());
                }
                if ((m = DISCOVERY.matcher(path)).matches()) {
                    return json(200, discovery(m.group(1)));
                }
                if (!path.startsWith("/v1.0/") ) {
                    return error(404, "NotFound", "Not a Graph path");
                }
                if (request.getHeader("Authorization") == null || !request.getHeader("Authorization").startsWith("Bearer ")) {
                    return error(401, "InvalidAuthenticationToken", "Access token is empty.");
                }
                if ((m = CREATE_OR_GET.matcher(path)).matches() && method.equals("POST")) {
                    return evolvable(request, createOrGet(decode(m.group(1)), JSON.readTree(request.getBodyAsString())));
                }
                if ((m = REPORTS.matcher(path)).matches()) {
                    return method.equals("GET") ? reports(decode(m.group(1)), decode(m.group(2)))
                            : error(405, "MethodNotAllowed", method + " is not allowed here");
                }
                if ((m = RECORDS.matcher(path)).matches()) {
                    return method.equals("GET") ? records(decode(m.group(1)), decode(m.group(2)), decode(m.group(3)),
                            request.queryParameter("$skiptoken").isPresent()
                                    ? Integer.parseInt(request.queryParameter("$skiptoken").firstValue()) : 0)
                            : error(405, "MethodNotAllowed", method + " is not allowed here");
                }
                if ((m = VIRTUAL_APPOINTMENT.matcher(path)).matches() && method.equals("GET")) {
                    return virtualAppointment(decode(m.group(2)));
                }
                if ((m = MEETING.matcher(path)).matches()) {
                    return evolvable(request, meeting(method, decode(m.group(2)), request));
                }
                if ((m = USER.matcher(path)).matches() && method.equals("GET")) {
                    return user(decode(m.group(1)));
                }
                return error(400, "BadRequest", "Unsupported by the Graph stand-in: " + method + " " + path);
            } catch (Exception e) {
                return error(400, "BadRequest", "Unreadable request: " + e.getClass().getSimpleName());
            }
        }

        private ResponseDefinition createOrGet(String organizer, JsonNode body) {
            Optional<String> refused = schema.refuseCreateOrGet(body);
            if (refused.isPresent()) {
                return error(400, "BadRequest", refused.get());
            }
            String externalId = body.path("externalId").asText();
            String hash = sha256(organizer + "\n" + externalId).substring(0, 40);
            String thread = "19:meeting_" + Base64.getEncoder().withoutPadding()
                    .encodeToString(hash.getBytes(StandardCharsets.US_ASCII)) + "@thread.v2";
            String id = Base64.getEncoder().encodeToString(("1*" + organizer + "*0**" + thread)
                    .getBytes(StandardCharsets.UTF_8));
            ObjectNode existing = meetings.containsKey(id) ? meetings.get(id) : deleted.get(id);
            if (existing != null) {
                return json(200, existing);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ObjectNode meeting = JSON.createObjectNode();
            meeting.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('" + organizer
                    + "')/onlineMeetings/$entity");
            meeting.put("id", id);
            meeting.put("creationDateTime", now.toString());
            meeting.put("startDateTime", body.path("startDateTime").asText(now.toString()));
            meeting.put("endDateTime", body.path("endDateTime").asText(now.plus(1, ChronoUnit.HOURS).toString()));
            meeting.put("joinWebUrl", "https://teams.microsoft.com/l/meetup-join/"
                    + thread.replace(":", "%3a").replace("@", "%40") + "/0?context=%7b%22Tid%22%3a%22"
                    + "local-tenant%22%2c%22Oid%22%3a%22" + organizer + "%22%7d");
            meeting.put("subject", body.path("subject").asText(null));
            meeting.put("externalId", externalId);
            meeting.put("isEntryExitAnnounced", true);
            meeting.put("allowedPresenters", "everyone");
            meeting.put("videoTeleconferenceId", hash.substring(0, 10));
            ObjectNode lobby = meeting.putObject("lobbyBypassSettings");
            lobby.put("scope", "organization");
            lobby.put("isDialInBypassEnabled", false);
            ObjectNode participants = meeting.putObject("participants");
            ObjectNode organizerInfo = participants.putObject("organizer");
            organizerInfo.putObject("identity").putObject("user").put("id", organizer);
            organizerInfo.put("role", "presenter");
            participants.set("attendees", body.path("participants").path("attendees").isArray()
                    ? body.path("participants").path("attendees") : JSON.createArrayNode());
            ObjectNode chat = meeting.putObject("chatInfo");
            chat.put("threadId", thread);
            chat.put("messageId", "0");
            ObjectNode joinId = meeting.putObject("joinMeetingIdSettings");
            joinId.put("joinMeetingId", String.valueOf(Math.abs((long) hash.hashCode()) % 1_000_000_000_000L));
            joinId.put("isPasscodeRequired", true);
            joinId.put("passcode", hash.substring(0, 6));
            meetings.put(id, meeting);
            return json(201, meeting);
        }

        /**
         * {@code GET .../onlineMeetings/{id}/getVirtualAppointmentJoinWebUrl}: 200 with the URL as an OData string
         * ({@code {"value": "..."}}, as the v1.0 reference's example), 404 for a meeting that does not exist.
         */
        private ResponseDefinition virtualAppointment(String id) {
            if (refuseVirtualAppointments) {
                return error(403, "Forbidden", "Application permissions are not supported for this API.");
            }
            ObjectNode meeting = meetings.get(id);
            if (meeting == null) {
                return error(404, "NotFound", "The meeting does not exist.");
            }
            String thread = meeting.path("chatInfo").path("threadId").asText();
            return json(200, JSON.createObjectNode()
                    .put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#Edm.String")
                    .put("value", "https://visit.teams.microsoft.com/webrtc-svc/api/route?tid=local-tenant&convId="
                            + thread.replace(":", "%3a").replace("@", "%40")));
        }

        private ResponseDefinition meeting(String method, String id, Request request) throws Exception {
            ObjectNode meeting = meetings.get(id);
            if (meeting == null) {
                return error(404, "NotFound", "The meeting does not exist.");
            }
            switch (method) {
                case "GET":
                    return json(200, meeting);
                case "DELETE":
                    deleted.put(id, meetings.remove(id));
                    return new ResponseDefinition(204, "");
                case "PATCH":
                    JsonNode patch = JSON.readTree(request.getBodyAsString());
                    Optional<String> refused = schema.refuseUpdate(patch);
                    if (refused.isPresent()) {
                        return error(400, "BadRequest", refused.get());
                    }
                    ObjectNode updated = meeting.deepCopy();
                    patch.fields().forEachRemaining(field -> {
                        if (field.getKey().equals("participants")) {
                            ((ObjectNode) updated.get("participants")).set("attendees", field.getValue().get("attendees"));
                        } else {
                            updated.set(field.getKey(), field.getValue());
                        }
                    });
                    meetings.put(id, updated);
                    return json(200, updated);
                default:
                    return error(405, "MethodNotAllowed", method + " is not allowed here");
            }
        }
    }

    /**
     * Teams made an attendance report for the meeting (it ended with these attendees), shaped as Graph v1.0's
     * meetingAttendanceReport with its attendanceRecords ({@link #attendee}).
     *
     * @return the report's id
     */
    public String addAttendanceReport(String meetingId, Instant start, Instant end, List<ObjectNode> records) {
        ObjectNode report = JSON.createObjectNode();
        String id = UUID.randomUUID().toString();
        report.put("id", id);
        report.put("totalParticipantCount", records.size());
        report.put("meetingStartDateTime", start.toString());
        report.put("meetingEndDateTime", end.toString());
        report.set("attendanceRecords", JSON.valueToTree(records));
        reports.computeIfAbsent(meetingId, key -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(report);
        return id;
    }

    /**
     * One attendanceRecord as the v1.0 reference shows it: emailAddress, identity {id, displayName, tenantId}, role,
     * attendanceIntervals {joinDateTime, leaveDateTime, durationInSeconds}, totalAttendanceInSeconds.
     *
     * @param id the Entra object id, or {@code null} for an anonymous guest (whose identity then has no id)
     * @param joinsAndLeaves join, leave, join, leave... instants
     */
    public static ObjectNode attendee(String id, String tenantId, String displayName, String role,
            Instant... joinsAndLeaves) {
        ObjectNode record = JSON.createObjectNode();
        record.put("emailAddress", id == null ? null : displayName.toLowerCase().replace(' ', '.') + "@example.org");
        ObjectNode identity = record.putObject("identity");
        if (id != null) {
            identity.put("id", id);
        }
        identity.put("displayName", displayName);
        identity.put("tenantId", tenantId);
        record.put("role", role);
        var intervals = record.putArray("attendanceIntervals");
        long total = 0;
        for (int i = 0; i + 1 < joinsAndLeaves.length; i += 2) {
            long seconds = java.time.Duration.between(joinsAndLeaves[i], joinsAndLeaves[i + 1]).toSeconds();
            intervals.addObject().put("joinDateTime", joinsAndLeaves[i].toString())
                    .put("leaveDateTime", joinsAndLeaves[i + 1].toString()).put("durationInSeconds", seconds);
            total += seconds;
        }
        record.put("totalAttendanceInSeconds", total);
        return record;
    }

    /**
     * {@code GET .../attendanceReports}: the reports without their records (the list reference: "The
     * attendanceRecords property is empty in the response"); an empty list until Teams made one; 404 for a meeting
     * that is gone or another organiser's.
     */
    private ResponseDefinition reports(String organizer, String meetingId) {
        if (!organizes(organizer, meetingId)) {
            return error(404, "NotFound", "The meeting does not exist.");
        }
        var value = JSON.createArrayNode();
        for (ObjectNode report : reports.getOrDefault(meetingId, List.of())) {
            ObjectNode listed = report.deepCopy();
            listed.putArray("attendanceRecords");
            value.add(listed);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('" + organizer
                + "')/onlineMeetings('" + meetingId + "')/attendanceReports");
        body.set("value", value);
        return json(200, body);
    }

    /** {@code GET .../attendanceRecords}, {@value #RECORDS_PAGE_SIZE} a page, later pages by {@code @odata.nextLink}. */
    private ResponseDefinition records(String organizer, String meetingId, String reportId, int skip) {
        if (!organizes(organizer, meetingId)) {
            return error(404, "NotFound", "The meeting does not exist.");
        }
        Optional<ObjectNode> report = reports.getOrDefault(meetingId, List.of()).stream()
                .filter(r -> r.path("id").asText().equals(reportId)).findFirst();
        if (report.isEmpty()) {
            return error(404, "NotFound", "The attendance report does not exist.");
        }
        JsonNode all = report.get().path("attendanceRecords");
        var value = JSON.createArrayNode();
        for (int i = skip; i < Math.min(all.size(), skip + RECORDS_PAGE_SIZE); i++) {
            value.add(all.get(i));
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("value", value);
        if (skip + RECORDS_PAGE_SIZE < all.size()) {
            body.put("@odata.nextLink", graphBaseUrl() + "/users/" + organizer + "/onlineMeetings/"
                    + java.net.URLEncoder.encode(meetingId, StandardCharsets.UTF_8) + "/attendanceReports/" + reportId
                    + "/attendanceRecords?$skiptoken=" + (skip + RECORDS_PAGE_SIZE));
        }
        return json(200, body);
    }

    /** Only the organiser's path reaches a meeting's artifacts (application access is per user in the path). */
    private boolean organizes(String organizer, String meetingId) {
        ObjectNode meeting = meetings.get(meetingId);
        return meeting != null && organizer.equalsIgnoreCase(
                meeting.path("participants").path("organizer").path("identity").path("user").path("id").asText());
    }

    /**
     * {@code GET /users/{id | upn}}: the object id is derived from the UPN, and a UPN from an object id
     * ({@code <id>@local.onmicrosoft.com}), so both ways round name one user. Every user exists here except those no
     * tenant can have, the nil object id and a UPN in an {@code .invalid} domain (RFC 2606), which get Graph's 404.
     */
    private static ResponseDefinition user(String key) {
        if (key.equals(NIL_OBJECT_ID) || key.toLowerCase(Locale.ROOT).endsWith(".invalid")) {
            return error(404, "Request_ResourceNotFound",
                    "Resource '" + key + "' does not exist or one of its queried reference-property objects are not present.");
        }
        boolean byId = key.matches("[0-9a-fA-F-]{36}");
        String upn = byId ? key.toLowerCase() + "@local.onmicrosoft.com" : key;
        String id = byId ? key : UUID.nameUUIDFromBytes(upn.toLowerCase().getBytes(StandardCharsets.UTF_8)).toString();
        return json(200, JSON.createObjectNode()
                .put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users(id,userPrincipalName)/$entity")
                .put("id", id)
                .put("userPrincipalName", upn));
    }

    /**
     * Graph answers {@code unknownFutureValue} for the evolvable onlineMeetingRole members (producer, coorganizer)
     * unless the request says {@code Prefer: include-unknown-enum-members} (meetingParticipantInfo reference).
     */
    private static ResponseDefinition evolvable(Request request, ResponseDefinition response) throws Exception {
        String prefer = request.getHeader("Prefer");
        if ((prefer != null && prefer.contains("include-unknown-enum-members")) || response.getStatus() >= 300
                || response.getBody() == null || response.getBody().isEmpty()) {
            return response;
        }
        JsonNode body = JSON.readTree(response.getBody());
        for (JsonNode attendee : body.path("participants").path("attendees")) {
            String role = attendee.path("role").asText();
            if (role.equals("coorganizer") || role.equals("producer")) {
                ((ObjectNode) attendee).put("role", "unknownFutureValue");
            }
        }
        return json(response.getStatus(), body);
    }

    private static ObjectNode token() {
        return JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", 3599).put("ext_expires_in", 3599)
                .put("access_token", "local." + UUID.randomUUID());
    }

    private ObjectNode discovery(String tenant) {
        String base = "https://127.0.0.1:" + server.port() + "/" + tenant;
        return JSON.createObjectNode()
                .put("token_endpoint", base + "/oauth2/v2.0/token")
                .put("authorization_endpoint", base + "/oauth2/v2.0/authorize")
                .put("issuer", base + "/v2.0");
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.toString()).build();
    }

    private static ResponseDefinition error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return json(status, body);
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
