package org.teamstelehealth.local.acs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.sun.net.httpserver.HttpHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teamstelehealth.local.StandIn;

/**
 * Azure Communication Services (SMS and Email) on loopback, for when {@code ACS_CONNECTION_STRING}
 * is empty or {@code local}: WireMock answering as the ACS REST APIs do (SMS {@code POST /sms} 202
 * with a per-recipient result; Email {@code POST /emails:send} 202 with an https
 * {@code Operation-Location}, whose poll says {@code Succeeded}), and an outbox page listing what
 * patients would have received.
 *
 * <p>The app must send through {@code LoopbackHttpClient}: the SDKs insist on https and the stand-in
 * speaks plain http on loopback.
 */
public final class AcsStandIn implements StandIn {
    static final String SMS_API_VERSION = "2021-03-07";
    static final String EMAIL_API_VERSION = "2023-03-31";
    private static final String ACCESS_KEY = Base64.getEncoder()
            .encodeToString("local-acs-stand-in-access-key".getBytes(StandardCharsets.US_ASCII));

    /** Requests the long-running local host keeps (its outbox page and email-operation lookups read them). */
    private static final int LOCAL_JOURNAL_LIMIT = 1000;

    private final com.github.tomakehurst.wiremock.extension.Extension[] extensions;
    private final boolean everyRequest;
    private WireMockServer server;

    public AcsStandIn() {
        this(new com.github.tomakehurst.wiremock.extension.Extension[0]);
    }

    /** With more WireMock extensions, e.g. a test's listener that acts after ACS took a send, before it answers. */
    public AcsStandIn(com.github.tomakehurst.wiremock.extension.Extension... extensions) {
        this(false, extensions);
    }

    private AcsStandIn(boolean everyRequest, com.github.tomakehurst.wiremock.extension.Extension... extensions) {
        this.everyRequest = everyRequest;
        this.extensions = extensions.clone();
    }

    /**
     * One that keeps every request it is sent, for a test that counts every send at the end: the local host's
     * stand-in keeps only the newest {@value #LOCAL_JOURNAL_LIMIT}, and past them would also answer an email-operation
     * lookup of an older send as never sent (404), as ACS would not.
     */
    public static AcsStandIn keepingEveryRequest(com.github.tomakehurst.wiremock.extension.Extension... extensions) {
        return new AcsStandIn(true, extensions);
    }

    @Override
    public Map<String, String> start(Map<String, String> settings) {
        String connection = settings.getOrDefault("ACS_CONNECTION_STRING", "");
        if (!connection.isBlank() && !"local".equalsIgnoreCase(connection.trim())) {
            return Map.of();
        }
        WireMockConfiguration config = WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(new AcsRules(), new EmailOperations(() -> server)).extensions(extensions);
        server = new WireMockServer(everyRequest ? config : config.maxRequestJournalEntries(LOCAL_JOURNAL_LIMIT));
        server.start();
        stub();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("ACS_CONNECTION_STRING", "endpoint=" + endpoint() + "/;accesskey=" + ACCESS_KEY);
        if (settings.getOrDefault("ACS_SMS_FROM", "").isBlank()) {
            overrides.put("ACS_SMS_FROM", "+61400000000");
        }
        if (settings.getOrDefault("ACS_EMAIL_SENDER", "").isBlank()) {
            overrides.put("ACS_EMAIL_SENDER", "DoNotReply@telehealth.localhost");
        }
        return overrides;
    }

    /** The https address the app is told (LoopbackHttpClient sends it to WireMock's http port). */
    public String endpoint() {
        return "https://localhost:" + server.port();
    }

    private void stub() {
        server.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"value":[{"to":"{{jsonPath request.body '$.smsRecipients[0].to'}}",\
                        "messageId":"Outgoing_{{randomValue type='UUID'}}","httpStatusCode":202,\
                        "repeatabilityResult":"accepted","successful":true}]}""")
                .withTransformers("response-template")));
        server.stubFor(post(urlPathEqualTo("/emails:send")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withHeader("Operation-Location", endpoint() + "/emails/operations/{{request.headers.Operation-Id}}"
                        + "?api-version=" + EMAIL_API_VERSION)
                .withHeader("Retry-After", "0")
                .withBody("{\"id\":\"{{request.headers.Operation-Id}}\",\"status\":\"Running\"}")
                .withTransformers("response-template")));
        server.stubFor(get(urlPathMatching("/emails/operations/.+"))
                .willReturn(aResponse().withTransformers(EmailOperations.NAME)));
    }

    /** The WireMock server answering as ACS (for tests that inject faults or read its journal); null before start. */
    public WireMockServer server() {
        return server;
    }

    /** What patients would have received, newest first. */
    public List<OutboxMessage> outbox() {
        return server == null ? List.of() : OutboxMessage.from(server.getAllServeEvents());
    }

    @Override
    public String describe() {
        return server == null
                ? "ACS: real service (ACS_CONNECTION_STRING)"
                : "ACS: local stand-in on " + endpoint() + " (messages patients would get: /local/outbox)";
    }

    @Override
    public Map<String, HttpHandler> pages() {
        return server == null ? Map.of() : Map.of("outbox", new OutboxPage(this::outbox));
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
