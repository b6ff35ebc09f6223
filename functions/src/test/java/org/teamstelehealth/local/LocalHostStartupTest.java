package org.teamstelehealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teamstelehealth.local.fixtures.QueueFixtures;
import org.teamstelehealth.platform.SettingsException;

/** Start-up as Core Tools does it: local.settings.json under the environment, and refusing bad settings or functions. */
class LocalHostStartupTest {
    private static final String FIXTURES = "org.teamstelehealth.local.fixtures";
    /** The app's own warmup-trigger function, alone in its package. */
    private static final String WARMUP_FUNCTION = "org.teamstelehealth.bootstrap";

    @TempDir
    Path root;

    @Test
    void localSettingsFileValuesAreOverriddenByTheEnvironmentAndItsPortIsUsed() throws Exception {
        int port = Azurite.freePort();
        Map<String, String> values = fixtureValues();
        values.put("PUBLIC_BASE_URL", "http://from-file.example/api");
        writeSettings(root.resolve(LocalSettings.FILE), values, port);
        Files.writeString(root.resolve("host.json"), "{\"version\":\"2.0\",\"extensions\":{\"http\":{\"routePrefix\":\"v1\"}}}");

        try (LocalHost host = LocalHost.start(LocalHostOptions.fromProject().projectRoot(root)
                .environment(Map.of("PUBLIC_BASE_URL", "https://from-env.example/api"))
                .startAzurite(false).standIns(false)
                .packages(FIXTURES).includeTestClasses(true).injector(FunctionInvoker::construct)
                .out(new PrintStream(OutputStream.nullOutputStream())))) {
            assertEquals(port, host.port());
            assertEquals(URI.create("https://from-env.example/api"), host.application().settings().publicBaseUrl());
            assertEquals("from-file-key", host.functionKey());
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(host.baseUrl() + "/v1/hello/you")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("Hello, you", response.body(), "route prefix from host.json");
        }
    }

    @Test
    void aMissingLocalSettingsFileIsCopiedFromTheSampleAndTheUserIsTold() throws Exception {
        writeSettings(root.resolve(LocalSettings.SAMPLE), fixtureValues(), 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (LocalHost host = LocalHost.start(LocalHostOptions.fromProject().projectRoot(root).httpPort(0)
                .startAzurite(false).standIns(false)
                .packages(FIXTURES).includeTestClasses(true).injector(FunctionInvoker::construct)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8)))) {
            assertTrue(Files.exists(root.resolve(LocalSettings.FILE)));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("Created local.settings.json from local.settings.sample.json"));
        }
    }

    @Test
    void aMissingFunctionKeyIsGeneratedAndShownInTheBanner() {
        Map<String, String> values = fixtureValues();
        values.remove(LocalHost.FUNCTION_KEY_SETTING);

        try (LocalHost host = start(values)) {
            assertTrue(host.functionKey().length() >= 24);
            assertTrue(host.banner().stream().anyMatch(line -> line.contains(host.functionKey())));
        }
    }

    @Test
    void aMissingRequiredSettingStopsStartUpNamingIt() {
        Map<String, String> values = fixtureValues();
        values.remove("JOIN_LINK_KEY");
        values.remove("TICK_SCHEDULE");

        SettingsException e = assertThrows(SettingsException.class, () -> start(values));

        String message = LocalHost.settingsMessage(e);
        assertTrue(message.contains("TICK_SCHEDULE is required (function 'tick' reads it)"), message);
        SettingsException missingKey = assertThrows(SettingsException.class, () -> {
            values.put("TICK_SCHEDULE", "0 0 * * * *");
            start(values);
        });
        assertTrue(LocalHost.settingsMessage(missingKey).contains("  - JOIN_LINK_KEY is required"), LocalHost.settingsMessage(missingKey));
        assertFalse(LocalHost.settingsMessage(missingKey).contains("Exception"));
    }

    @Test
    void aBadScheduleOrTimeZoneIsASettingsProblem() {
        Map<String, String> values = fixtureValues();
        values.put("TICK_SCHEDULE", "every minute");
        values.put("WEBSITE_TIME_ZONE", "Mars/Olympus");

        SettingsException e = assertThrows(SettingsException.class, () -> start(values));

        assertTrue(e.problems().stream().anyMatch(p -> p.contains("'every minute'")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("WEBSITE_TIME_ZONE")), e.problems().toString());
    }

    @Test
    void twoFunctionsOnOneRouteStopStartUpNamingBoth() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalHost.start(
                LocalHostOptions.forTests(fixtureValues()).packages("org.teamstelehealth.local.clashing")
                        .includeTestClasses(true).standIns(false).out(new PrintStream(OutputStream.nullOutputStream()))));

        assertTrue(e.getMessage().contains("'getAppointment'") && e.getMessage().contains("'listAppointments'"), e.getMessage());
    }

    @Test
    void twoFunctionsWithOneNameStopStartUpNamingBothMethods() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalHost.start(
                LocalHostOptions.forTests(fixtureValues()).packages("org.teamstelehealth.local.clashingnames")
                        .includeTestClasses(true).standIns(false).out(new PrintStream(OutputStream.nullOutputStream()))));

        assertTrue(e.getMessage().contains("Two functions are named 'sendReminder'"), e.getMessage());
        assertTrue(e.getMessage().contains("SameNameFunctions.first") && e.getMessage().contains("SameNameFunctions$Other.second"),
                e.getMessage());
    }

    @Test
    void functionsTheApplicationCannotMakeStopStartUpNamingTheirClass() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalHost.start(
                LocalHostOptions.forTests(fixtureValues()).packages(FIXTURES).includeTestClasses(true).standIns(false)
                        .out(new PrintStream(OutputStream.nullOutputStream()))));

        assertTrue(e.getMessage().contains("org.teamstelehealth.local.fixtures.HttpFixtures"), e.getMessage());
        assertTrue(e.getMessage().contains("Application.registerFunctions()"), e.getMessage());
    }

    @Test
    void aTriggerParameterOfAnotherTypeIsRefused() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FunctionScanner.define("typed",
                TypedQueueFunction.class, TypedQueueFunction.class.getMethod("run", Map.class)));

        assertTrue(e.getMessage().contains("queue trigger parameter is java.util.Map"), e.getMessage());
    }

    /** A queue function wanting its message already parsed, which the local host does not do. */
    public static class TypedQueueFunction {
        public void run(@com.microsoft.azure.functions.annotation.QueueTrigger(name = "message", queueName = "q",
                connection = "AzureWebJobsStorage") Map<String, Object> message) {}
    }

    @Test
    void testFixturesAreNotScannedUnlessAskedFor() {
        try (LocalHost host = LocalHost.start(LocalHostOptions.forTests(fixtureValues()).packages(FIXTURES)
                .standIns(false).out(new PrintStream(OutputStream.nullOutputStream())))) {
            assertEquals(List.of(), host.functions());
        }
    }

    @Test
    void standInsOverrideSettingsServePagesUnderLocalAndStopWithTheHost() throws Exception {
        FakeStandIn standIn = new FakeStandIn();
        Map<String, String> values = fixtureValues();

        try (LocalHost host = LocalHost.start(LocalHostOptions.forTests(values).packages(FIXTURES).includeTestClasses(true)
                .standIns(false).addStandIn(standIn).injector(FunctionInvoker::construct)
                .out(new PrintStream(OutputStream.nullOutputStream())))) {
            assertEquals(values.get("AzureWebJobsStorage"), standIn.seen.get("AzureWebJobsStorage"), "stand-ins see the settings");
            assertEquals(URI.create("http://stand-in.localhost/api"), host.application().settings().publicBaseUrl());
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(host.baseUrl() + "/local/outbox/latest")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("outbox page for /local/outbox/latest", page.body());
            HttpResponse<String> index = client.send(HttpRequest.newBuilder(URI.create(host.baseUrl() + "/local/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(index.body().contains("href=\"/local/outbox\""), index.body());
            assertTrue(host.banner().contains("  Outbox: fake stand-in"), host.banner().toString());
            assertFalse(standIn.closed);
        }
        assertTrue(standIn.closed);
    }

    @Test
    void testHostsLeaveGraphAloneAndAWarmingHostGetsItsTokenOnceListening() {
        try (org.teamstelehealth.local.graph.FakeGraph graph = org.teamstelehealth.local.graph.FakeGraph.withJournal()) {
            Map<String, String> values = valuesFor(graph);

            try (LocalHost host = start(values)) {
                host.awaitWarmUp(java.time.Duration.ofSeconds(30));
                assertEquals(0, graph.server().getAllServeEvents().size(), "a test's stand-ins see only what it causes");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (LocalHost host = LocalHost.start(LocalHostOptions.forTests(values).packages(WARMUP_FUNCTION)
                    .standIns(false).warmUp(true).out(new PrintStream(out, true, StandardCharsets.UTF_8)))) {
                host.awaitWarmUp(java.time.Duration.ofSeconds(30));
                assertEquals(1, graph.server().getAllServeEvents().stream()
                        .filter(e -> e.getRequest().getUrl().contains("/oauth2/v2.0/token")).count());
                assertTrue(graph.meetings().isEmpty());
                assertTrue(host.banner().stream().anyMatch(line -> line.startsWith("  warmup: warmup trigger")
                        && line.contains("once the host is idle")), host.banner().toString());
                assertTrue(out.toString(StandardCharsets.UTF_8).contains("Executed 'warmup' (Succeeded"), out.toString());
            }
        }
    }

    @Test
    void aHostWithWarmUpOffListsTheWarmupFunctionButNeverRunsIt() {
        try (org.teamstelehealth.local.graph.FakeGraph graph = org.teamstelehealth.local.graph.FakeGraph.withJournal()) {
            Map<String, String> values = valuesFor(graph);

            try (LocalHost host = LocalHost.start(LocalHostOptions.forTests(values).packages(WARMUP_FUNCTION)
                    .standIns(false).warmUp(false).out(new PrintStream(OutputStream.nullOutputStream())))) {
                host.awaitWarmUp(java.time.Duration.ofSeconds(30));
                assertEquals(List.of("warmup"), host.functions().stream().map(FunctionDefinition::name).toList());
                assertTrue(host.banner().contains("  warmup: warmup trigger (Azure runs it on each instance added to scale"
                        + " out; here never: warm-up is off)"), host.banner().toString());
                assertEquals(0, graph.server().getAllServeEvents().size());
            }
        }
    }

    @Test
    void aDisabledWarmupFunctionIsNotRunEvenWithWarmUpOn() {
        try (org.teamstelehealth.local.graph.FakeGraph graph = org.teamstelehealth.local.graph.FakeGraph.withJournal()) {
            Map<String, String> values = valuesFor(graph);
            values.put("AzureWebJobs.warmup.Disabled", "true");

            try (LocalHost host = LocalHost.start(LocalHostOptions.forTests(values).packages(WARMUP_FUNCTION)
                    .standIns(false).warmUp(true).out(new PrintStream(OutputStream.nullOutputStream())))) {
                host.awaitWarmUp(java.time.Duration.ofSeconds(30));
                assertTrue(host.banner().contains("  warmup: warmup trigger (Azure runs it on each instance added to scale"
                        + " out; here never: disabled)"), host.banner().toString());
                assertEquals(0, graph.server().getAllServeEvents().size());
            }
        }
    }

    @Test
    void aWarmupTriggerParameterOfAnotherTypeIsRefused() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FunctionScanner.define("warmup",
                TypedWarmupFunction.class, TypedWarmupFunction.class.getMethod("run", int.class)));

        assertTrue(e.getMessage().contains("warmup trigger parameter is int; the local host passes Object (or String)"),
                e.getMessage());
    }

    /** A warmup function wanting a number, which neither host hands over. */
    public static class TypedWarmupFunction {
        public void run(@com.microsoft.azure.functions.annotation.WarmupTrigger(name = "warmupContext") int context) {}
    }

    /** The fixture settings, with Graph and Entra pointed at {@code graph}. */
    private static Map<String, String> valuesFor(org.teamstelehealth.local.graph.FakeGraph graph) {
        Map<String, String> values = fixtureValues();
        values.put("GRAPH_BASE_URL", graph.graphBaseUrl());
        values.put("GRAPH_AUTHORITY_HOST", graph.authorityHost());
        return values;
    }

    /** A stand-in that points PUBLIC_BASE_URL elsewhere and serves one page. */
    private static final class FakeStandIn implements StandIn {
        Map<String, String> seen;
        boolean closed;

        @Override
        public Map<String, String> start(Map<String, String> settings) {
            seen = settings;
            return Map.of("PUBLIC_BASE_URL", "http://stand-in.localhost/api");
        }

        @Override
        public String describe() {
            return "Outbox: fake stand-in";
        }

        @Override
        public Map<String, HttpHandler> pages() {
            return Map.of("outbox", exchange -> {
                byte[] body = ("outbox page for " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static LocalHost start(Map<String, String> values) {
        return LocalHost.start(LocalHostOptions.forTests(values).packages(FIXTURES).includeTestClasses(true)
                .standIns(false).injector(FunctionInvoker::construct)
                .out(new PrintStream(OutputStream.nullOutputStream())));
    }

    private static Map<String, String> fixtureValues() {
        Map<String, String> values = QueueFixtures.settings("local-flaky-startup");
        values.put(LocalHost.FUNCTION_KEY_SETTING, "from-file-key");
        return values;
    }

    private static void writeSettings(Path file, Map<String, String> values, int port) throws Exception {
        StringBuilder json = new StringBuilder("{\"IsEncrypted\":false,\"Values\":{");
        String separator = "";
        for (Map.Entry<String, String> e : values.entrySet()) {
            json.append(separator).append('"').append(e.getKey()).append("\":\"").append(e.getValue().replace("\"", "\\\"")).append('"');
            separator = ",";
        }
        json.append("}");
        if (port > 0) {
            json.append(",\"Host\":{\"LocalHttpPort\":").append(port).append("}");
        }
        Files.writeString(file, json.append("}").toString());
    }
}
