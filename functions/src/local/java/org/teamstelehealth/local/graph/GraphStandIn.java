package org.teamstelehealth.local.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.teamstelehealth.local.StandIn;

/**
 * Stands in for Entra and Microsoft Graph when {@code GRAPH_TENANT_ID} is empty or {@code local}: meetings are
 * made in memory by {@link FakeGraph}, with Teams-shaped join URLs that lead nowhere.
 */
public final class GraphStandIn implements StandIn {
    private FakeGraph graph;

    @Override
    public Map<String, String> start(Map<String, String> settings) {
        String tenant = settings.getOrDefault("GRAPH_TENANT_ID", "");
        if (!(tenant.isBlank() || tenant.trim().equalsIgnoreCase("local"))) {
            return Map.of();
        }
        graph = new FakeGraph();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("GRAPH_TENANT_ID", "local");
        overrides.put("GRAPH_BASE_URL", graph.graphBaseUrl());
        overrides.put("GRAPH_AUTHORITY_HOST", graph.authorityHost());
        overrides.put("GRAPH_CLIENT_ID", blankOr(settings.get("GRAPH_CLIENT_ID"), "00000000-0000-0000-0000-000000000001"));
        overrides.put("GRAPH_CLIENT_SECRET", blankOr(settings.get("GRAPH_CLIENT_SECRET"), "local-development-secret"));
        return overrides;
    }

    @Override
    public String describe() {
        return graph == null
                ? "Graph: real Microsoft Graph (GRAPH_TENANT_ID is set)"
                : "Graph: LOCAL STAND-IN on " + graph.graphBaseUrl() + " (tokens and Teams meetings are fake, kept in"
                        + " memory; join URLs lead nowhere)";
    }

    /** {@code /local/graph}: the meetings the stand-in holds now, as JSON, to see what the app made. */
    @Override
    public Map<String, HttpHandler> pages() {
        if (graph == null) {
            return Map.of();
        }
        return Map.of("graph", exchange -> {
            ObjectMapper json = new ObjectMapper();
            ArrayNode list = json.createArrayNode();
            for (JsonNode meeting : graph.meetings().values()) {
                list.addObject()
                        .put("id", meeting.path("id").asText())
                        .put("externalId", meeting.path("externalId").asText())
                        .put("organizer", meeting.at("/participants/organizer/identity/user/id").asText())
                        .put("subject", meeting.path("subject").asText())
                        .put("startDateTime", meeting.path("startDateTime").asText())
                        .put("endDateTime", meeting.path("endDateTime").asText())
                        .put("joinWebUrl", meeting.path("joinWebUrl").asText())
                        .put("allowedPresenters", meeting.path("allowedPresenters").asText())
                        .<ObjectNode>set("attendees", meeting.at("/participants/attendees"))
                        .set("lobbyBypassSettings", meeting.path("lobbyBypassSettings"));
            }
            byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    json.createObjectNode().put("standIn", "Microsoft Graph (local, in memory)").set("meetings", list));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @Override
    public void close() {
        if (graph != null) {
            graph.close();
            graph = null;
        }
    }

    private static String blankOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
