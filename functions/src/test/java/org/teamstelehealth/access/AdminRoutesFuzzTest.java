package org.teamstelehealth.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.teamstelehealth.appointments.AppointmentStatusFunction;
import org.teamstelehealth.appointments.RevokeJoinLinksFunction;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.feed.FeedLinksFunction;
import org.teamstelehealth.notifications.TemplateAdminFunction;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.AdminTokens;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.FakeHttpRequest.Response;
import org.teamstelehealth.testing.JsonFuzz;
import org.teamstelehealth.testing.TestSettings;

/**
 * The admin routes with malformed bodies, parameters and route ids, as {@link Application} wires them
 * (Entra tokens of a key the test makes, Azurite storage), called by an admin (jqwik, fixed seeds):
 * never a 5xx; every 4xx is {@code application/problem+json}. A template that a fuzzed PUT managed to
 * save is reset at once, so no other test sees it.
 */
class AdminRoutesFuzzTest {
    private static final String BASE = "https://telehealth.example.org/api/manage/";
    private static final Instant NOW = Instant.parse("2032-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOW));
    private static final AdminTokens TENANT = AdminTokens.generate(CLOCK);
    private static final AdminTokens.JwksServer KEYS = TENANT.serve();
    private static final Application APP = new Application(TestSettings.settings(KEYS.settings()), CLOCK, null);
    private static final String ADMIN = AdminTokens.bearer(TENANT.admin());
    private static final List<String> TEMPLATE_NAMES = List.of("sms-created", "email-created", "sms-cancelled");

    @AfterContainer
    static void stop() {
        KEYS.close();
    }

    // Found by anAuditRangeOfAnyTextIsReadOrRefusedNeverAFailure: "to" so early that a week before it is
    // no instant at all was a 500.
    @Example
    void aRangeEndingAtTheStartOfTimeIs400() {
        FakeHttpRequest read = admin(FakeHttpRequest.get(BASE + "audit")).query("to", "-1000000000-01-07T23:59:59Z");

        Response audit = FakeHttpRequest.response(APP.function(AuditFunction.class).run(read, FakeExecutionContext.of("auditLog")));

        assertEquals(400, audit.status(), audit.bodyText());
        assertEquals("application/problem+json", audit.getHeader("Content-Type"));
    }

    // Found by the same property: an instant past year 999,999,999 has no calendar day, a 500 reading the log.
    @Example
    void aRangePastTheLastCalendarDayIs400() {
        FakeHttpRequest read = admin(FakeHttpRequest.get(BASE + "audit")).query("to", "+1000000000-03-27T09:29:41Z");

        Response audit = FakeHttpRequest.response(APP.function(AuditFunction.class).run(read, FakeExecutionContext.of("auditLog")));

        assertEquals(400, audit.status(), audit.bodyText());
    }

    @Property(tries = 120, seed = "1111")
    void aTemplateBodyOfAnyShapeIsSavedOrRefusedNeverAFailure(@ForAll("templateNames") String name,
            @ForAll("templateBodies") String body, @ForAll boolean asJson) {
        TemplateAdminFunction templates = APP.function(TemplateAdminFunction.class);
        FakeHttpRequest put = admin(FakeHttpRequest.request(HttpMethod.PUT, BASE + "templates/x"))
                .header("Content-Type", asJson ? "application/json" : "text/plain").body(body);

        Response saved = FakeHttpRequest.response(templates.template(put, name, FakeExecutionContext.of("manage-template")));

        if (saved.status() == 200) {
            Response reset = FakeHttpRequest.response(templates.template(
                    admin(FakeHttpRequest.request(HttpMethod.DELETE, BASE + "templates/x")), name, FakeExecutionContext.of("t")));
            assertEquals(200, reset.status(), reset.bodyText());
        }
        assertAnswered(saved, "PUT templates/" + name);
    }

    @Property(tries = 150, seed = "2222")
    void aPreviewOfAnyBodyIsRenderedOrRefusedNeverAFailure(@ForAll("templateNames") String name,
            @ForAll("previewBodies") String body) {
        FakeHttpRequest preview = admin(FakeHttpRequest.post(BASE + "templates/x/preview"))
                .header("Content-Type", "application/json").body(body);

        assertAnswered(FakeHttpRequest.response(APP.function(TemplateAdminFunction.class)
                .preview(preview, name, FakeExecutionContext.of("manage-template-preview"))), "preview " + name);
    }

    @Property(tries = 150, seed = "3333")
    void aFeedLinkRequestOfAnyBodyIsIssuedOrRefusedNeverAFailure(@ForAll("providerIds") String providerId,
            @ForAll("feedLinkBodies") String body) {
        FakeHttpRequest issue = admin(FakeHttpRequest.post(BASE + "providers/x/feed-links")).body(body);

        Response issued = FakeHttpRequest.response(APP.function(FeedLinksFunction.class)
                .issue(issue, providerId, FakeExecutionContext.of("issueFeedLink")));

        assertAnswered(issued, "issue a feed link");
        assertTrue(issued.status() == 201 || issued.status() == 400, issued.status() + " " + issued.bodyText());
    }

    @Property(tries = 150, seed = "4444")
    void anAuditRangeOfAnyTextIsReadOrRefusedNeverAFailure(@ForAll("instants") String from, @ForAll("instants") String to,
            @ForAll boolean withFrom, @ForAll boolean withTo) {
        FakeHttpRequest read = admin(FakeHttpRequest.get(BASE + "audit"));
        if (withFrom) {
            read.query("from", from);
        }
        if (withTo) {
            read.query("to", to);
        }

        Response audit = FakeHttpRequest.response(APP.function(AuditFunction.class).run(read, FakeExecutionContext.of("auditLog")));

        assertAnswered(audit, "audit");
        assertTrue(audit.status() == 200 || audit.status() == 400, audit.status() + " " + audit.bodyText());
    }

    @Example
    void anAttentionRangeAtEitherEndOfTimeIsListedOrRefusedNeverAFailure() {
        String[][] ranges = {{"-1000000000-01-01T00:00:00Z", "-1000000000-01-01T12:00:00Z"},
            {"+1000000000-12-31T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z"},
            {"-1000000000-01-01", "+1000000000-12-31"}, {"-999999999-01-01", "-999999999-01-02"},
            {"+999999999-12-30", "+999999999-12-31T23:59:59.999999999Z"}, {"-999999999-01-01T00:00:00Z", "2027-01-01"},
            {"-999999999-01-01T00:00:00Z", "-999999999-01-01T12:00:00Z"},
            {"+999999999-12-31T00:00:00Z", "+999999999-12-31T23:59:59.999999999Z"}};
        for (String[] range : ranges) {
            Response list = FakeHttpRequest.response(APP.function(
                    org.teamstelehealth.appointments.AttentionListFunction.class).run(
                    admin(FakeHttpRequest.get(BASE + "appointments")).query("from", range[0]).query("to", range[1]),
                    FakeExecutionContext.of("appointmentsNeedingAttention")));
            assertAnswered(list, "attention list " + String.join("..", range));
            assertTrue(list.status() == 200 || list.status() == 400, list.status() + " " + list.bodyText());
        }
    }

    @Property(tries = 60, seed = "6666")
    void anAttentionQueryOfAnyTextIsListedOrRefusedNeverAFailure(@ForAll("instants") String from,
            @ForAll("instants") String to, @ForAll("routeIds") String status, @ForAll("routeIds") String limit,
            @ForAll("routeIds") String continuation, @ForAll boolean withStatus, @ForAll boolean withLimit,
            @ForAll boolean withContinuation) {
        FakeHttpRequest read = admin(FakeHttpRequest.get(BASE + "appointments")).query("from", from).query("to", to);
        if (withStatus) {
            read.query("status", status);
        }
        if (withLimit) {
            read.query("limit", limit);
        }
        if (withContinuation) {
            read.query("continuation", continuation);
        }

        Response list = FakeHttpRequest.response(APP.function(
                org.teamstelehealth.appointments.AttentionListFunction.class).run(read,
                FakeExecutionContext.of("appointmentsNeedingAttention")));

        assertAnswered(list, "attention list");
        assertTrue(list.status() == 200 || list.status() == 400, list.status() + " " + list.bodyText());
    }

    @Property(tries = 150, seed = "5555")
    void anyRouteIdIsFoundOrNotNeverAFailure(@ForAll("routeIds") String id, @ForAll("routeIds") String other) {
        assertAnswered(FakeHttpRequest.response(APP.function(AppointmentStatusFunction.class)
                .run(admin(FakeHttpRequest.get(BASE + "appointments/x")), id, FakeExecutionContext.of("s"))), "status");
        assertAnswered(FakeHttpRequest.response(APP.function(RevokeJoinLinksFunction.class)
                .run(admin(FakeHttpRequest.post(BASE + "appointments/x/join-links/revoke")), id, FakeExecutionContext.of("r"))),
                "revoke join links");
        assertAnswered(FakeHttpRequest.response(APP.function(FeedLinksFunction.class)
                .revoke(admin(FakeHttpRequest.delete(BASE + "providers/x/feed-links/y")), id, other, FakeExecutionContext.of("f"))),
                "revoke a feed link");
        assertAnswered(FakeHttpRequest.response(APP.function(FeedLinksFunction.class)
                .list(admin(FakeHttpRequest.get(BASE + "providers/x/feed-links")), id, FakeExecutionContext.of("l"))),
                "list feed links");
    }

    @Provide
    Arbitrary<String> templateNames() {
        return Arbitraries.oneOf(List.of(Arbitraries.of(TEMPLATE_NAMES), weird()));
    }

    @Provide
    Arbitrary<String> templateBodies() {
        Arbitrary<String> handlebars = Arbitraries.of("{{", "}}", "{{#if patient.given_name}}", "{{/if}}", "{{#each x}}",
                "{{/each}}", "{{> partial}}", "{{{raw}}}", "{{!-- c --}}", "{{lookup . 'x'}}", "{{patient.given_name}}",
                "{{unknown.variable}}", "{{#with patient}}", "{{else}}", "{{{{raw}}}}", "\\{{", "{{~", "~}}", "{{@root}}",
                "{{join_url}}", "text ", "\u0000", "\n", "{{#if}}", "{{#", "{{patient.given_name \"x\"}}")
                .list().ofMaxSize(12).map(parts -> String.join("", parts));
        Arbitrary<String> json = JsonFuzz.values().map(value -> "{\"source\": " + Json.write(value) + "}");
        return Arbitraries.oneOf(List.of(handlebars, json, JsonFuzz.texts(), Arbitraries.of("", " ", "{\"source\":",
                "{\"source\": \"a\", \"source\": \"b\"}", "[".repeat(100) + "]".repeat(100), "{{#if a}}".repeat(2000),
                "a".repeat(300_000))));
    }

    @Provide
    Arbitrary<String> previewBodies() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.of(ContractExamples.valid()).map(ContractExamples::body),
                Arbitraries.of(ContractExamples.invalid()).map(ContractExamples::body),
                Arbitraries.of(ContractExamples.valid()).flatMap(example -> {
                    JsonNode document = Json.read(ContractExamples.body(example), JsonNode.class);
                    return Combinators.combine(Arbitraries.of(JsonFuzz.pointers(document)), JsonFuzz.values())
                            .as((pointer, value) -> Json.write(JsonFuzz.with(document, pointer, value)));
                }),
                JsonFuzz.values().map(Json::write), JsonFuzz.texts(),
                Arbitraries.of("[".repeat(100) + "]".repeat(100), "{\"appointment\": 1, \"appointment\": 2}")));
    }

    @Provide
    Arbitrary<String> feedLinkBodies() {
        Arbitrary<String> fields = Combinators.combine(JsonFuzz.values(), JsonFuzz.values(), Arbitraries.of(true, false))
                .as((days, name, both) -> "{\"expires_in_days\": " + Json.write(days)
                        + (both ? ", \"calendar_name\": " + Json.write(name) : "") + "}");
        Arbitrary<String> days = Arbitraries.of("0", "-1", "1", "3660", "3661", "2147483647", "2147483648", "-2147483648",
                "9223372036854775807", "1e400", "1.5", "\"30\"", "null", "true", "[]", "{}")
                .map(n -> "{\"expires_in_days\": " + n + "}");
        Arbitrary<String> names = Arbitraries.of("a".repeat(5000), "\u0000", "\r\nX-Header: y", "<script>", "{{x}}", "")
                .map(n -> "{\"calendar_name\": " + Json.write(n) + "}");
        return Arbitraries.oneOf(List.of(fields, days, names, JsonFuzz.texts(), JsonFuzz.values().map(Json::write),
                Arbitraries.of("{\"expires_in_days\": 1, \"expires_in_days\": 2}", "[".repeat(100) + "]".repeat(100))));
    }

    @Provide
    Arbitrary<String> instants() {
        Arbitrary<String> valid = Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                .map(s -> Instant.ofEpochSecond(s).toString());
        Arbitrary<String> near = Arbitraries.longs().between(-40L * 86400, 40L * 86400).map(s -> NOW.plusSeconds(s).toString());
        Arbitrary<String> edges = Arbitraries.of(Instant.MIN.toString(), Instant.MAX.toString(), "-1000000000-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59.999999999Z", "2026-02-30T00:00:00Z", "2026-12-01T24:00:00Z",
                "2026-12-01T00:00:00+25:00", "2026-12-01T00:00:00+10:30", "2026-12-01", "1764547200", "", " ", "now");
        return Arbitraries.oneOf(List.of(valid, near, edges, JsonFuzz.texts()));
    }

    @Provide
    Arbitrary<String> providerIds() {
        return Arbitraries.oneOf(List.of(Arbitraries.of("7", "provider-1"), weird()));
    }

    @Provide
    Arbitrary<String> routeIds() {
        return Arbitraries.oneOf(List.of(Arbitraries.of("47", "1"), weird()));
    }

    /**
     * What a route id can be once the host has decoded it: any characters, Table-key specials included,
     * up to 4,096 of them. No lone surrogates: the host hands the worker its strings as UTF-8 (gRPC), which
     * cannot carry one. The host's own limit on a URL's length is not documented for the Functions front
     * end; 4,096 stands for "longer than any real id".
     */
    private static Arbitrary<String> weird() {
        return Arbitraries.oneOf(List.of(Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF')
                        .ofMaxLength(40),
                Arbitraries.of("", " ", "/", "\\", "#", "?", "'", "''", "%", "%00", "..", "../x", "a/b", "\u0000", "\u007f",
                        "\t", "\r\n", "x".repeat(1025), "x".repeat(4096), "PartitionKey eq 'x'", "\uFEFF", "\uD83D\uDE00")));
    }

    private static FakeHttpRequest admin(FakeHttpRequest request) {
        return request.header("Authorization", ADMIN);
    }

    private static void assertAnswered(Response response, String what) {
        assertTrue(response.status() < 500, what + ": " + response.status() + " " + response.bodyText());
        if (response.status() >= 400) {
            assertEquals("application/problem+json", response.getHeader("Content-Type"), what + ": " + response.bodyText());
        }
    }
}
