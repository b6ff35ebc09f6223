package org.teamstelehealth.local.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.platform.Json;

/** The Graph stand-in refuses, as Graph does, onlineMeeting bodies the v1.0 metadata does not accept. */
class FakeGraphTest {
    private static final String ORGANIZER = "3efbdd46-d280-4b0f-a414-1ff1f3dda63a";
    private static FakeGraph graph;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        graph = new FakeGraph();
    }

    @AfterAll
    static void stop() {
        graph.close();
    }

    @Test
    void aCreateOrGetWithoutExternalIdIsRefusedAsGraphRefusesIt() throws Exception {
        assertRefused(createOrGet("{\"subject\":\"x\"}"), "externalId");
    }

    @Test
    void anUnknownPropertyIsRefused() throws Exception {
        assertRefused(createOrGet("{\"externalId\":\"k-1\",\"subjet\":\"typo\"}"), "subjet");
    }

    @Test
    void aRoleGraphDoesNotKnowIsRefused() throws Exception {
        assertRefused(createOrGet("{\"externalId\":\"k-2\",\"participants\":{\"attendees\":[{\"upn\":\"a@b.c\","
                + "\"role\":\"coOrganizer\"}]}}"), "role");
    }

    @Test
    void roleIsPresenterWithoutTheAttendeesIsRefused() throws Exception {
        String id = Json.MAPPER.readTree(createOrGet("{\"externalId\":\"k-3\"}").body()).get("id").asText();

        assertRefused(patch(id, "{\"allowedPresenters\":\"roleIsPresenter\"}"), "attendees");
        assertRefused(patch(id, "{\"startDateTime\":\"2027-03-05T05:30:00Z\"}"), "endDateTime");
        assertRefused(patch(id, "{\"lobbyBypassSettings\":{\"scope\":\"organisation\"}}"), "scope");
        assertEquals(200, patch(id, "{\"allowedPresenters\":\"roleIsPresenter\",\"participants\":{\"attendees\":[]}}")
                .statusCode());
    }

    @Test
    void aCoOrganiserIsReturnedAsUnknownFutureValueUnlessTheClientAsksForEvolvedMembers() throws Exception {
        String body = "{\"externalId\":\"k-4\",\"participants\":{\"attendees\":[{\"upn\":\"a@b.c\",\"role\":\"coorganizer\"}]}}";
        assertEquals("unknownFutureValue", Json.MAPPER.readTree(createOrGet(body).body())
                .at("/participants/attendees/0/role").asText());
        HttpResponse<String> asked = http.send(request("/onlineMeetings/createOrGet")
                .header("Prefer", "include-unknown-enum-members").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("coorganizer", Json.MAPPER.readTree(asked.body()).at("/participants/attendees/0/role").asText());
    }

    @Test
    void aUserNoTenantCanHaveIsNotFoundAsGraphAnswersIt() throws Exception {
        for (String user : new String[] {"00000000-0000-0000-0000-000000000000", "rehearsal@example.invalid"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(graph.graphBaseUrl() + "/users/"
                    + user + "?$select=id,userPrincipalName")).header("Authorization", "Bearer local.test").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(404, response.statusCode(), user);
            assertEquals("Request_ResourceNotFound", Json.MAPPER.readTree(response.body()).at("/error/code").asText());
        }
        HttpResponse<String> known = http.send(HttpRequest.newBuilder(URI.create(graph.graphBaseUrl() + "/users/"
                + ORGANIZER)).header("Authorization", "Bearer local.test").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(ORGANIZER, Json.MAPPER.readTree(known.body()).get("id").asText());
    }

    private HttpResponse<String> createOrGet(String body) throws Exception {
        return http.send(request("/onlineMeetings/createOrGet").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> patch(String id, String body) throws Exception {
        return http.send(request("/onlineMeetings/" + id).method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(graph.graphBaseUrl() + "/users/" + ORGANIZER + path))
                .header("Authorization", "Bearer local.test").header("Content-Type", "application/json");
    }

    private static void assertRefused(HttpResponse<String> response, String naming) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode error = Json.MAPPER.readTree(response.body()).get("error");
        assertEquals("BadRequest", error.get("code").asText());
        assertTrue(error.get("message").asText().contains(naming), error.get("message").asText());
    }
}
