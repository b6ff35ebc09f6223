package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.testing.AdminTokens;
import org.teamstelehealth.testing.ContractExamples;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.TestSettings;

/** The template admin routes over a real templates table in Azurite (a table of this test's own). */
class TemplateAdminFunctionTest {
    private final StorageClients storage = new StorageClients(TestSettings.settings().storage());
    private final String table = "templates" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Templates templates = new Templates(new TableTemplateStore(() -> storage.table(table), Clock.systemUTC()));
    private final TemplateAdminFunction function = new TemplateAdminFunction(templates, new MessageContent(
            new JoinLinks(new byte[32], URI.create("https://t.example.org/api")), Locale.forLanguageTag("en-AU"), Optional.empty()),
            AdminTokens.functionKeyOnly());
    private final FakeExecutionContext context = FakeExecutionContext.of("manage-template");

    @Test
    void listsEveryTemplateName() throws Exception {
        JsonNode body = body(function.list(request(HttpMethod.GET, null, null), context));
        assertEquals(TemplateName.values().length, body.get("templates").size());
        assertEquals("sms-invitation", body.at("/templates/0/name").asText());
        assertFalse(body.at("/templates/0/overridden").asBoolean());
    }

    @Test
    void replacesReadsAndResetsATemplateWithoutRedeploying() throws Exception {
        HttpResponseMessage put = function.template(request(HttpMethod.PUT, "text/plain",
                "Hi {{patient.given_name}}, see you {{appointment.date}}."), "sms-invitation", context);
        assertEquals(200, put.getStatusCode());

        JsonNode got = body(function.template(request(HttpMethod.GET, null, null), "sms-invitation", context));
        assertTrue(got.get("overridden").asBoolean());
        assertEquals("Hi {{patient.given_name}}, see you {{appointment.date}}.", got.get("source").asText());

        JsonNode preview = body(function.preview(request(HttpMethod.POST, "application/json",
                Files.readString(ContractExamples.folder().resolve("escaping.json"))), "sms-invitation", context));
        assertEquals("Hi Zoë <b>, see you 05/03/2027.", preview.get("output").asText());
        assertEquals("UCS2", preview.get("sms_encoding").asText());

        JsonNode reset = body(function.template(request(HttpMethod.DELETE, null, null), "sms-invitation", context));
        assertFalse(reset.get("overridden").asBoolean());
        assertEquals(Fakes.shippedSource(TemplateName.SMS_INVITATION),
                body(function.template(request(HttpMethod.GET, null, null), "sms-invitation", context)).get("source").asText());
    }

    @Test
    void aPartialOrADefaultHelperIsRefusedAt400NamingWhereAndWhy() throws Exception {
        JsonNode partial = body(function.template(request(HttpMethod.PUT, "text/plain",
                "<p>Hi\n {{> templates/sms-invitation}}</p>"), "email-invitation-body", context));
        assertEquals(400, partial.get("status").asInt(), partial.toString());
        assertEquals(2, partial.get("line").asInt(), partial.toString());
        assertTrue(partial.get("reason").asText().contains("partials"), partial.toString());

        JsonNode helper = body(function.template(request(HttpMethod.PUT, "text/plain",
                "{{i18n \"net.fortuna.ical4j.timezone.update.enabled\" bundle=\"ical4j\"}}"), "sms-invitation", context));
        assertEquals(400, helper.get("status").asInt(), helper.toString());
        assertTrue(helper.get("reason").asText().contains("\"i18n\" is not a variable or helper"), helper.toString());
        assertFalse(body(function.template(request(HttpMethod.GET, null, null), "sms-invitation", context))
                .get("overridden").asBoolean());
    }

    @Test
    void aTemplateThatDoesNotCompileIsRefusedWithLineAndColumnAndTheOldOneStays() throws Exception {
        function.template(request(HttpMethod.PUT, "application/json",
                "{\"source\": \"<p>{{patient.given_name}}</p>\"}"), "email-invitation-body", context);

        HttpResponseMessage refused = function.template(request(HttpMethod.PUT, "text/plain",
                "<p>Hi\n{{#if patient.given_name}}{{patient.given_name}}</p>"), "email-invitation-body", context);

        assertEquals(400, refused.getStatusCode());
        assertEquals("application/problem+json", refused.getHeader("Content-Type"));
        JsonNode problem = body(refused);
        assertEquals(400, problem.get("status").asInt());
        assertEquals(2, problem.get("line").asInt());
        assertTrue(problem.get("column").asInt() > 0);
        assertEquals("<p>{{patient.given_name}}</p>",
                body(function.template(request(HttpMethod.GET, null, null), "email-invitation-body", context)).get("source").asText());

        JsonNode misspelt = body(function.template(request(HttpMethod.PUT, "text/plain", "Hi {{patient.frist_name}}"),
                "email-invitation-body", context));
        assertEquals(1, misspelt.get("line").asInt());
        assertEquals(6, misspelt.get("column").asInt(), "where the name starts, counting from 1");
        assertTrue(misspelt.get("reason").asText().contains("patient.frist_name"));
    }

    @Test
    void previewsTheExampleAppointmentWhenNoSnapshotIsSentAndEscapesHtmlTemplates() throws Exception {
        JsonNode preview = body(function.preview(request(HttpMethod.POST, null, null), "email-invitation-body", context));
        assertTrue(preview.get("html").asBoolean());
        assertTrue(preview.get("output").asText().startsWith("<p>Hi Clintel<br />"), preview.get("output").asText());

        JsonNode escaped = body(function.preview(request(HttpMethod.POST, "application/json",
                Files.readString(ContractExamples.folder().resolve("escaping.json"))), "email-invitation-body", context));
        assertTrue(escaped.get("output").asText().contains("Hi Zoë &lt;b&gt;<br />"), escaped.get("output").asText());
    }

    @Test
    void unknownNamesAndNonSnapshotsAreRefused() {
        assertEquals(404, function.template(request(HttpMethod.GET, null, null), "sms-nope", context).getStatusCode());
        assertEquals(400, function.preview(request(HttpMethod.POST, "application/json", "[1,2"), "sms-invitation", context)
                .getStatusCode());
        assertEquals(400, function.template(request(HttpMethod.PUT, "text/plain", "  "), "sms-invitation", context)
                .getStatusCode());
    }

    private static JsonNode body(HttpResponseMessage response) {
        return FakeHttpRequest.response(response).json();
    }

    private static FakeHttpRequest request(HttpMethod method, String contentType, String body) {
        FakeHttpRequest request = FakeHttpRequest.request(method, "http://localhost/api/manage/templates").body(body);
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        return request;
    }
}
