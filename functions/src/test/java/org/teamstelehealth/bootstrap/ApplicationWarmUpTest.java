package org.teamstelehealth.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.tables.models.TableEntity;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.TableAppointmentStore;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.local.graph.FakeGraph;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.testing.TestSettings;

/**
 * The warm-up the local host runs at start: the first meeting then needs no token of its own, and nothing anyone could
 * see is made, written or sent (no meeting, no appointment row or index entry, no queued message).
 */
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

    @Test
    void preparingMeetingsWritesNoAppointmentRowOrIndexEntryAndQueuesNothing() {
        Application application = application();
        application.prepareIntake();
        Map<String, Integer> queuedBefore = queued(application);

        application.prepareMeetings();

        for (String table : List.of(TableAppointmentStore.TABLE, TableAppointmentStore.SCHEDULE,
                TableAppointmentStore.RETENTION)) {
            assertEquals(List.of(), rehearsalEntities(application, table), "no rehearsal entity in " + table);
        }
        assertEquals(queuedBefore, queued(application), "no message queued");
        assertTrue(graph.meetings().isEmpty(), "no meeting made");
        assertEquals(List.of(), graphCalls().stream().filter(call -> !call.startsWith("GET ")).toList(),
                "no createOrGet, PATCH or DELETE reached Graph");
    }

    /** Keys of the entities whose partition or row names the rehearsal's made-up appointment or provider. */
    private static List<String> rehearsalEntities(Application application, String table) {
        List<String> found = new ArrayList<>();
        for (TableEntity entity : application.storage().table(table).listEntities()) {
            String key = entity.getPartitionKey() + "/" + entity.getRowKey();
            if (key.contains("rehearsal")) {
                found.add(key);
            }
        }
        return found;
    }

    private static Map<String, Integer> queued(Application application) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String queue : List.of(NotificationIntent.QUEUE, PmsEvent.QUEUE, AppointmentMessage.QUEUE)) {
            counts.put(queue, application.storage().queue(queue).getProperties().getApproximateMessagesCount());
        }
        return counts;
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
