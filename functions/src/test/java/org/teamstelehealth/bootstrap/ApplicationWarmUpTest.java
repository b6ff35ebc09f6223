package org.teamstelehealth.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.local.graph.FakeGraph;
import org.teamstelehealth.testing.TestSettings;

/** The warm-up the local host runs at start: the first meeting then needs no token of its own, and no meeting is made. */
class ApplicationWarmUpTest {
    private final FakeGraph graph = FakeGraph.withJournal();

    @AfterEach
    void stop() {
        graph.close();
    }

    @Test
    void preparingMeetingsGetsTheTokenTheFirstGraphCallUsesAndMakesNoMeeting() {
        Application application = application();

        application.prepareMeetings();

        assertEquals(1, tokenRequests(), "one token from Entra");
        List<String> graphCalls = graphCalls();
        assertEquals(List.of("GET /v1.0/users/00000000-0000-0000-0000-000000000000?$select=id,userPrincipalName"),
                graphCalls, "Graph sees one read of a user no tenant has, nothing else");
        assertTrue(graph.meetings().isEmpty());

        application.graph().users().byUserId("provider@example.org").get();

        assertEquals(1, tokenRequests(), "the first real call uses the token the warm-up got");
    }

    private Application application() {
        Map<String, String> values = TestSettings.values();
        values.put("GRAPH_BASE_URL", graph.graphBaseUrl());
        values.put("GRAPH_AUTHORITY_HOST", graph.authorityHost());
        return new Application(Settings.load(values), Clock.systemUTC(), new LoopbackHttpClient());
    }

    private long tokenRequests() {
        return events().stream().filter(e -> e.getRequest().getUrl().contains("/oauth2/v2.0/token")).count();
    }

    private List<String> graphCalls() {
        return events().stream().filter(e -> e.getRequest().getUrl().startsWith("/v1.0/"))
                .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).toList();
    }

    private List<ServeEvent> events() {
        return graph.server().getAllServeEvents();
    }
}
