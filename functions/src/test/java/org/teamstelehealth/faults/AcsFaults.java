package org.teamstelehealth.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.List;
import java.util.Map;

/**
 * Faults put in front of a stand-in for a stretch (priority-1 stubs over its normal behaviour, removed by
 * {@link Stretch#close}), answering as the real service does when it throttles or fails.
 */
final class AcsFaults {
    /** Stub metadata on a send that ACS took but whose answer the app never got. */
    static final String ACCEPTED_THEN_LOST = "acceptedThenLost";

    private AcsFaults() {}

    /** Stubs added for a while. */
    static final class Stretch implements AutoCloseable {
        private final WireMockServer server;
        private final List<StubMapping> stubs;

        Stretch(WireMockServer server, List<MappingBuilder> stubs) {
            this.server = server;
            this.stubs = stubs.stream().map(server::stubFor).toList();
        }

        /** How many requests these stubs answered. */
        long answered() {
            return server.getAllServeEvents().stream().filter(e -> e.getStubMapping() != null
                    && stubs.stream().anyMatch(s -> s.getId().equals(e.getStubMapping().getId()))).count();
        }

        @Override
        public void close() {
            stubs.forEach(server::removeStub);
        }
    }

    static boolean acceptedThenLost(ServeEvent event) {
        Map<String, Object> metadata = event.getStubMapping() == null ? null : event.getStubMapping().getMetadata();
        return metadata != null && Boolean.TRUE.equals(metadata.get(ACCEPTED_THEN_LOST));
    }

    private static ResponseDefinitionBuilder error(int status, String code, String retryAfter) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"injected\"}}");
        return retryAfter == null ? response : response.withHeader("Retry-After", retryAfter);
    }

    /** SMS and email sends answered 429 (Retry-After 1) and 500, alternately by channel. */
    static Stretch acsThrottlingAndFailing(WireMockServer acs) {
        return new Stretch(acs, List.of(
                post(urlPathEqualTo("/sms")).atPriority(1).willReturn(error(429, "TooManyRequests", "1")),
                post(urlPathEqualTo("/emails:send")).atPriority(1).willReturn(error(500, "InternalServerError", null))));
    }

    /** SMS and email sends taken by ACS (in its journal, as sent) and the connection then cut before the answer. */
    static Stretch acsAcceptsThenAnswerLost(WireMockServer acs) {
        return new Stretch(acs, List.of(
                post(urlPathEqualTo("/sms")).atPriority(1).withMetadata(Map.of(ACCEPTED_THEN_LOST, true))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                post(urlPathEqualTo("/emails:send")).atPriority(1).withMetadata(Map.of(ACCEPTED_THEN_LOST, true))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))));
    }

    /** Graph's onlineMeetings calls answered 429 with Retry-After, as Graph throttles. */
    static Stretch graphThrottling(WireMockServer graph) {
        return new Stretch(graph, List.of(any(urlPathMatching("/v1\\.0/users/.+/onlineMeetings.*")).atPriority(1)
                .willReturn(error(429, "TooManyRequests", "1"))));
    }

    /** Graph's onlineMeetings calls answered 503 without Retry-After (a burst of service unavailable). */
    static Stretch graphUnavailable(WireMockServer graph) {
        return new Stretch(graph, List.of(any(urlPathMatching("/v1\\.0/.*")).atPriority(1)
                .willReturn(error(503, "ServiceUnavailable", null))));
    }

    /** Every Graph request's connection reset: Graph unreachable. */
    static Stretch graphUnreachable(WireMockServer graph) {
        return new Stretch(graph, List.of(any(urlPathMatching("/v1\\.0/.*")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))));
    }

    /**
     * Graph's createOrGet answering 201 with a body that is no meeting (no id, no join URL): not a Graph error the
     * app can classify, so the queue function throws and the queue redelivers until the message is poisoned.
     */
    static Stretch graphAnsweringNonsense(WireMockServer graph) {
        return new Stretch(graph, List.of(post(urlPathMatching("/v1\\.0/users/.+/onlineMeetings/createOrGet"))
                .atPriority(1).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{}"))));
    }

    /** Entra's token endpoint answering 503, as it does in an outage (AADSTS90033-style temporary errors). */
    static Stretch entraFailing(WireMockServer graph) {
        return new Stretch(graph, List.of(post(urlPathMatching("/[^/]+/oauth2/v2\\.0/token")).atPriority(1)
                .willReturn(error(503, "temporarily_unavailable", null))));
    }
}
