package org.teamstelehealth.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A WireMock stand-in for the parts of Entra and Graph the secrets feature uses, with state: the
 * app registration's passwords ({@code GET /v1.0/applications(appId='..')}, {@code POST
 * /v1.0/applications/{id}/addPassword}, {@code removePassword}) and the token endpoint, which
 * issues a token only for a client secret whose password exists. Failures can be injected per
 * operation, before or after the operation took effect (an answer lost on the way back).
 */
final class EntraStandIn implements AutoCloseable {
    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String CLIENT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    static final String OBJECT_ID = "9a8b7c6d-0000-4000-8000-000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    record StoredPassword(UUID keyId, String displayName, String secretText, Instant endDateTime) {}

    private record Failure(int status, boolean afterApplying) {}

    private final WireMockServer server;
    private final List<StoredPassword> passwords = new ArrayList<>();
    private final Map<String, Failure> failures = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private boolean readForbidden;
    private boolean refuseNewPasswordOnce;
    private final java.util.Set<UUID> addedThroughGraph = new java.util.HashSet<>();

    EntraStandIn() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new Behaviour()));
        server.start();
        server.stubFor(any(urlMatching("/.*")).willReturn(aResponse().withTransformers("entra")));
    }

    URI graphBaseUrl() {
        return URI.create("http://localhost:" + server.port() + "/v1.0");
    }

    URI authorityHost() {
        return URI.create("https://localhost:" + server.port());
    }

    synchronized StoredPassword addExisting(String displayName, String secretText, Instant endDateTime) {
        StoredPassword password = new StoredPassword(UUID.randomUUID(), displayName, secretText, endDateTime);
        passwords.add(password);
        return password;
    }

    synchronized List<StoredPassword> passwords() {
        return List.copyOf(passwords);
    }

    /** The next call of {@code operation} (addPassword, removePassword, read, token) fails with {@code status}. */
    synchronized void failNext(String operation, int status) {
        failures.put(operation, new Failure(status, false));
    }

    /** The next call of {@code operation} takes effect, but its answer is lost (the caller sees {@code status}). */
    synchronized void loseNextAnswer(String operation, int status) {
        failures.put(operation, new Failure(status, true));
    }

    /**
     * The next token request with a password added through Graph is refused as Entra does while a
     * new password has not reached every replica yet ({@code invalid_client}).
     */
    synchronized void refuseNextTokenForANewPassword() {
        refuseNewPasswordOnce = true;
    }

    synchronized void forbidReads() {
        readForbidden = true;
    }

    List<LoggedRequest> requests(String pathPart) {
        List<LoggedRequest> newestFirst = server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(request -> request.getUrl().contains(pathPart)).toList();
        List<LoggedRequest> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Behaviour implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "entra";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            synchronized (EntraStandIn.this) {
                try {
                    return handle(event.getRequest());
                } catch (Exception e) {
                    return json(500, error("StandInFailure", e.toString()));
                }
            }
        }
    }

    private ResponseDefinition handle(LoggedRequest request) throws Exception {
        String path = URLDecoder.decode(URI.create(request.getUrl()).getRawPath(), StandardCharsets.UTF_8);
        if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
            return token(request);
        }
        if (request.getHeader("Authorization") == null || !request.getHeader("Authorization").startsWith("Bearer ")) {
            return json(401, error("InvalidAuthenticationToken", "Access token is empty."));
        }
        if (path.equals("/v1.0/applications(appId='" + CLIENT_ID + "')") && request.getMethod().getName().equals("GET")) {
            if (readForbidden) {
                return json(403, error("Authorization_RequestDenied", "Insufficient privileges to complete the operation."));
            }
            return apply("read", this::application);
        }
        if (path.equals("/v1.0/applications/" + OBJECT_ID + "/addPassword")) {
            JsonNode body = JSON.readTree(request.getBodyAsString()).path("passwordCredential");
            return apply("addPassword", () -> addPassword(body));
        }
        if (path.equals("/v1.0/applications/" + OBJECT_ID + "/removePassword")) {
            UUID keyId = UUID.fromString(JSON.readTree(request.getBodyAsString()).path("keyId").asText());
            return apply("removePassword", () -> removePassword(keyId));
        }
        return json(404, error("Request_ResourceNotFound", "No stand-in for " + request.getMethod() + " " + path));
    }

    private interface Operation {
        ResponseDefinition run() throws Exception;
    }

    private ResponseDefinition apply(String operation, Operation action) throws Exception {
        Failure failure = failures.remove(operation);
        if (failure != null && !failure.afterApplying()) {
            return json(failure.status(), error("ServiceUnavailable", "Injected failure"));
        }
        ResponseDefinition answer = action.run();
        return failure == null ? answer : json(failure.status(), error("ServiceUnavailable", "Injected lost answer"));
    }

    private ResponseDefinition application() {
        ObjectNode app = JSON.createObjectNode();
        app.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#applications(id,passwordCredentials)/$entity");
        app.put("id", OBJECT_ID);
        ArrayNode list = app.putArray("passwordCredentials");
        for (StoredPassword password : passwords) {
            ObjectNode node = list.addObject();
            node.putNull("customKeyIdentifier");
            node.put("displayName", password.displayName());
            node.put("endDateTime", password.endDateTime().toString());
            node.put("hint", password.secretText().substring(0, 3));
            node.put("keyId", password.keyId().toString());
            node.putNull("secretText");
            node.put("startDateTime", "2024-01-01T00:00:00Z");
        }
        return json(200, app.toString());
    }

    private ResponseDefinition addPassword(JsonNode requested) {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant end = OffsetDateTime.parse(requested.path("endDateTime").asText()).toInstant();
        StoredPassword password = new StoredPassword(UUID.randomUUID(), requested.path("displayName").asText(null),
                secretText, end);
        passwords.add(password);
        addedThroughGraph.add(password.keyId());
        ObjectNode node = JSON.createObjectNode();
        node.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.passwordCredential");
        node.putNull("customKeyIdentifier");
        node.put("displayName", password.displayName());
        node.put("endDateTime", OffsetDateTime.ofInstant(end, ZoneOffset.UTC).toString());
        node.put("hint", secretText.substring(0, 3));
        node.put("keyId", password.keyId().toString());
        node.put("secretText", secretText);
        node.put("startDateTime", "2026-11-29T09:00:00Z");
        return json(200, node.toString());
    }

    private ResponseDefinition removePassword(UUID keyId) {
        if (!passwords.removeIf(p -> p.keyId().equals(keyId))) {
            return json(400, error("Request_BadRequest", "No password credential found with keyId " + keyId));
        }
        return aResponse().withStatus(204).build();
    }

    private ResponseDefinition token(LoggedRequest request) {
        Failure failure = failures.remove("token");
        if (failure != null) {
            return json(failure.status(), "{\"error\":\"temporarily_unavailable\",\"error_description\":\"Injected\"}");
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        String secret = form.get("client_secret");
        java.util.Optional<StoredPassword> match = passwords.stream()
                .filter(p -> p.secretText().equals(secret)).findFirst();
        boolean known = CLIENT_ID.equals(form.get("client_id")) && match.isPresent();
        if (known && refuseNewPasswordOnce && addedThroughGraph.contains(match.get().keyId())) {
            refuseNewPasswordOnce = false;
            known = false;
        }
        if (!known) {
            return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client"
                    + " secret provided.\",\"error_codes\":[7000215]}");
        }
        return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":60,\"ext_expires_in\":60,"
                + "\"access_token\":\"token-" + UUID.randomUUID() + "\"}");
    }

    private static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}}";
    }

    private static ResponseDefinition json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }
}
