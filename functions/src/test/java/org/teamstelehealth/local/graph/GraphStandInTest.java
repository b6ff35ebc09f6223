package org.teamstelehealth.local.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.AppointmentStatusFunction;
import org.teamstelehealth.appointments.AppointmentsFunction;
import org.teamstelehealth.appointments.Meeting;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.bootstrap.Settings;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.local.LoopbackHttpClient;
import org.teamstelehealth.local.StandIn;
import org.teamstelehealth.meetings.GraphMeetingGateway;
import org.teamstelehealth.meetings.TableDirectoryCache;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.TestSettings;

class GraphStandInTest {
    private static final String KEY = "teams-telehealth-48";

    @Test
    void theLocalHostFindsItAndTheRealSdkMakesMeetingsThroughIt() throws Exception {
        List<StandIn> standIns = ServiceLoader.load(StandIn.class).stream().map(ServiceLoader.Provider::get).toList();
        StandIn graph = standIns.stream().filter(s -> s instanceof GraphStandIn).findFirst().orElseThrow();
        try {
            Map<String, String> values = TestSettings.values();
            values.put("GRAPH_TENANT_ID", "local");
            values.putAll(graph.start(values));
            assertTrue(graph.describe().contains("LOCAL STAND-IN"), graph.describe());
            assertTrue(values.get("GRAPH_BASE_URL").startsWith("http://127.0.0.1:"));

            Settings settings = Settings.load(values);
            Application app = new Application(settings, java.time.Clock.systemUTC(), new LoopbackHttpClient());
            app.function(AppointmentsFunction.class);
            app.function(AppointmentStatusFunction.class);
            StorageClients storage = app.storage();
            GraphMeetingGateway gateway = new GraphMeetingGateway(app.graph(), settings.meetings(),
                    new TableDirectoryCache(() -> storage.table(TableDirectoryCache.TABLE)), app.clock());

            Meeting first = gateway.create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);
            Meeting again = gateway.create(ContractExamples.snapshot("lifecycle-1-created.json"), KEY);

            assertEquals(first.meetingId(), again.meetingId());
            assertTrue(first.joinWebUrl().startsWith("https://teams.microsoft.com/l/meetup-join/"));

            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/local/graph", graph.pages().get("graph"));
            server.start();
            try {
                String page = new String(new java.net.URL("http://127.0.0.1:" + server.getAddress().getPort()
                        + "/local/graph").openStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(page.contains("teams-telehealth-48") && page.contains("2027-03-05T05:30:00Z"), page);
            } finally {
                server.stop(0);
            }
        } finally {
            graph.close();
        }
    }

    @Test
    void aRealTenantLeavesGraphAlone() {
        GraphStandIn graph = new GraphStandIn();
        Map<String, String> values = new HashMap<>(Map.of("GRAPH_TENANT_ID", "618a4cb1-c176-461f-a013-41d40bd6e8c6"));
        assertTrue(graph.start(values).isEmpty());
        assertTrue(graph.describe().contains("real Microsoft Graph"));
        graph.close();
    }
}
