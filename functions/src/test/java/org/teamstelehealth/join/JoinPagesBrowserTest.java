package org.teamstelehealth.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.InMemoryAppointmentStore;
import org.teamstelehealth.join.JoinLinks.Participant;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.Appointments;
import org.teamstelehealth.testing.FakeHttpRequest;

/**
 * Opens the join pages in a real headless browser and reads what a patient sees.
 *
 * <p><b>Needs Debian's {@code chromium} at /usr/bin/chromium</b> ({@code apt-get install -y chromium});
 * without it these tests are skipped with that message. The CI script installs it.
 */
class JoinPagesBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static HttpServer server;
    static JoinLinks links;
    static InMemoryAppointmentStore store;
    static final List<String> requestHeaders = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void serveTheJoinFunction() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "This test needs Debian chromium at /usr/bin/chromium: apt-get update && apt-get install -y chromium");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        links = new JoinLinks(JoinFunctionTest.LINKS_KEY, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api"));
        Appointment booked = Appointments.ready("46", JoinFunctionTest.START);
        Appointment other = Appointments.ready("47", JoinFunctionTest.START);
        store = new InMemoryAppointmentStore().put(booked)
                .put(Appointments.withSnapshot(other, Appointments.withStatus(other.snapshot(), Snapshot.Status.CANCELLED), false));
        // The evening before: appointment 46 has not opened yet.
        JoinFunction function = new JoinFunction(new JoinService(store, new org.teamstelehealth.appointments.PatientResponses(
                new org.teamstelehealth.appointments.AppointmentUpdates(store, new org.teamstelehealth.appointments.Outbox(store,
                        intent -> {}, event -> {}))), links, JoinFunctionTest.SETTINGS,
                Clock.fixed(Instant.parse("2024-09-26T22:00:00Z"), ZoneOffset.UTC)), new JoinPages(),
                new FormOrigins(links.link("46", "12", JoinLinks.Participant.PATIENT, "").resolve("/")));
        server.createContext("/api/", exchange -> serve(function, exchange));
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void tooEarlyPageShowsTheOpeningTime() throws Exception {
        String text = visibleText(links.link("46", "12", Participant.PATIENT, "nonce-46"));

        assertTrue(text.contains("Your video appointment opens soon"), text);
        assertTrue(text.contains("2:30 pm ACST Friday 27 September 2024"), text);
        assertTrue(text.contains("starts at 3:00 pm ACST on Friday 27 September 2024"), text);
    }

    @Test
    void cancelledPageGivesTheClinicsPhoneNumber() throws Exception {
        String text = visibleText(links.link("47", "12", Participant.PATIENT, "nonce-47"));

        assertTrue(text.contains("This appointment was cancelled"), text);
        assertTrue(text.contains("Call 08 8123 4567"), text);
    }

    @Test
    void unknownLinkShowsTheNotFoundPageAndNoName() throws Exception {
        URI forged = URI.create(links.link("46", "12", Participant.PATIENT, "nonce-46").toString()
                .replaceAll("token=[^&]+", "token=AAAAAAAAAAAAAAAAAAAAAA"));

        String text = visibleText(forged);

        assertTrue(text.contains("We could not find this appointment"), text);
        assertFalse(text.contains("Clintel"), text);
    }

    @Test
    void tappingConfirmInARealBrowserPostsToTheSameLinkAndIsTaken() throws Exception {
        URI link = links.link("46", "12", Participant.PATIENT, "nonce-46");
        try (DevTools browser = new DevTools(CHROMIUM)) {
            browser.navigate(link);
            browser.evaluateUntil("document.readyState + ' ' + document.forms.length", "complete 2"::equals);
            browser.evaluateUntil("document.querySelector('button').click(); 'clicked'", "clicked"::equals);

            String text = browser.evaluateUntil("document.body ? document.body.innerText : ''",
                    page -> page.contains("your appointment is confirmed"));
            assertTrue(text.contains("Thank you, your appointment is confirmed"), text);
        }
        assertEquals(org.teamstelehealth.appointments.PatientResponse.Kind.CONFIRMED,
                store.find("46").orElseThrow().patientResponse().kind(), "the browser's post, token and all, was taken");
        String post = requestHeaders.stream().filter(h -> h.startsWith("POST")).findFirst().orElseThrow();
        assertTrue(post.contains("sec-fetch-site=same-origin"), "what the browser said of the post: " + post);
        // Why FormOrigins accepts "Origin: null": under our Referrer-Policy no-referrer the browser sends exactly that.
        assertTrue(post.contains("origin=null"), post);
    }

    /** The page's DOM as chromium built it, reduced to the words on screen. */
    static String visibleText(URI url) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--dump-dom", url.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] dom;
        try {
            dom = chromium.getInputStream().readAllBytes();
            assertTrue(chromium.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
        } finally {
            chromium.destroy();
            deleteRecursively(profile);
        }
        assertEquals(0, chromium.exitValue(), "chromium failed");
        String html = new String(dom, StandardCharsets.UTF_8);
        String body = html.replaceAll("(?s)<head>.*</head>", "");
        return body.replaceAll("(?s)<[^>]+>", " ").replace("&amp;", "&").replaceAll("\\s+", " ").trim();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void serve(JoinFunction function, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] segments = path.split("/");
        URI uri = URI.create("http://127.0.0.1" + exchange.getRequestURI());
        FakeHttpRequest request = FakeHttpRequest.request(
                com.microsoft.azure.functions.HttpMethod.value(exchange.getRequestMethod()), uri.toString());
        exchange.getRequestHeaders().forEach((name, values) -> request.header(name, values.get(0)));
        byte[] sent = exchange.getRequestBody().readAllBytes();
        if (sent.length > 0) {
            request.body(new String(sent, StandardCharsets.UTF_8));
        }
        requestHeaders.add(exchange.getRequestMethod() + " origin=" + exchange.getRequestHeaders().getFirst("Origin")
                + " sec-fetch-site=" + exchange.getRequestHeaders().getFirst("Sec-Fetch-Site"));
        HttpResponseMessage response = function.run(request,
                segments[segments.length - 4], segments[segments.length - 2], null);
        FakeHttpRequest.Response answered = FakeHttpRequest.response(response);
        answered.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = answered.bodyText().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answered.getStatusCode(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
