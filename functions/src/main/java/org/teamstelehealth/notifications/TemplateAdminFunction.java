package org.teamstelehealth.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.access.AdminAccess;
import org.teamstelehealth.access.AdminRoute;
import org.teamstelehealth.access.Role;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Headers;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.JsonResponses;
import org.teamstelehealth.platform.Problem;

/**
 * Admin routes for the patient message templates: list, read, replace without redeploying (refused
 * with the line and column when the template does not compile or names an unknown variable, the old
 * one staying in force), go back to the default, and preview.
 */
public final class TemplateAdminFunction {
    private final Templates templates;
    private final MessageContent content;
    private final AdminAccess access;

    public TemplateAdminFunction(Templates templates, MessageContent content, AdminAccess access) {
        this.templates = templates;
        this.content = content;
        this.access = access;
    }

    @FunctionName("manage-templates")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "manage/templates") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.READER, "template.list", "templates", () -> list(request));
    }

    private HttpResponseMessage list(HttpRequestMessage<Optional<String>> request) {
        return json(request, HttpStatus.OK, Map.of("templates", templates.list().stream()
                .map(view -> new Summary(view.name(), view.description(), view.html(), view.overridden())).toList()));
    }

    @FunctionName("manage-template")
    public HttpResponseMessage template(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE},
                    authLevel = AuthorizationLevel.FUNCTION, route = "manage/templates/{name}")
            HttpRequestMessage<Optional<String>> request,
            @BindingName("name") String name,
            final ExecutionContext context) {
        HttpMethod method = request.getHttpMethod();
        return AdminRoute.answer(access, request, method == HttpMethod.GET ? Role.READER : Role.ADMIN,
                "template." + method.name().toLowerCase(Locale.ROOT), "template/" + name, () -> template(request, name));
    }

    private HttpResponseMessage template(HttpRequestMessage<Optional<String>> request, String name) {
        Optional<TemplateName> template = TemplateName.byId(name);
        if (template.isEmpty()) {
            return unknown(request);
        }
        return switch (request.getHttpMethod()) {
            case PUT -> save(request, template.get());
            case DELETE -> json(request, HttpStatus.OK, templates.reset(template.get()));
            default -> json(request, HttpStatus.OK, templates.get(template.get()));
        };
    }

    @FunctionName("manage-template-preview")
    public HttpResponseMessage preview(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "manage/templates/{name}/preview") HttpRequestMessage<Optional<String>> request,
            @BindingName("name") String name,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.READER, "template.preview", "template/" + name,
                () -> preview(request, name));
    }

    private HttpResponseMessage preview(HttpRequestMessage<Optional<String>> request, String name) {
        Optional<TemplateName> template = TemplateName.byId(name);
        if (template.isEmpty()) {
            return unknown(request);
        }
        Snapshot snapshot;
        try {
            snapshot = snapshot(request.getBody().orElse(""));
        } catch (IllegalArgumentException e) {
            return Problem.of(HttpStatus.BAD_REQUEST, "Not an appointment snapshot", e.getMessage()).toResponse(request);
        }
        Templates.View view = templates.get(template.get());
        try {
            String output = templates.render(template.get(), view.source(), content.previewModel(template.get(), snapshot));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", view.name());
            body.put("html", view.html());
            body.put("overridden", view.overridden());
            body.put("output", output);
            if (template.get().name().startsWith("SMS_")) {
                SmsSegments segments = SmsSegments.of(output.strip());
                body.put("sms_encoding", segments.encoding().name());
                body.put("sms_segments", segments.segments());
            }
            return json(request, HttpStatus.OK, body);
        } catch (TemplateException e) {
            return templateProblem(request, e);
        }
    }

    private HttpResponseMessage save(HttpRequestMessage<Optional<String>> request, TemplateName name) {
        String source = source(request);
        if (source == null || source.isBlank()) {
            return Problem.of(HttpStatus.BAD_REQUEST, "Empty template",
                    "Send the template's source as the body (text/plain), or as {\"source\": \"...\"}").toResponse(request);
        }
        try {
            return json(request, HttpStatus.OK, templates.save(name, source));
        } catch (TemplateException e) {
            return templateProblem(request, e);
        }
    }

    private static String source(HttpRequestMessage<Optional<String>> request) {
        String body = request.getBody().orElse("");
        boolean sentAsJson = Headers.first(request.getHeaders(), "content-type")
                .filter(type -> type.toLowerCase().contains("json")).isPresent();
        if (sentAsJson) {
            try {
                JsonNode json = Json.MAPPER.readTree(body);
                return json != null && json.path("source").isTextual() ? json.path("source").asText() : null;
            } catch (IOException e) {
                return null;
            }
        }
        return body;
    }

    /** A webhook body ({@code {"appointment": {...}}}), a bare snapshot, or nothing for the example appointment. */
    private static Snapshot snapshot(String body) {
        if (body.isBlank()) {
            return MessageContent.exampleSnapshot();
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("The body is not JSON");
        }
        JsonNode appointment = json.has("appointment") ? json.get("appointment") : json;
        try {
            Snapshot snapshot = Json.MAPPER.treeToValue(appointment, Snapshot.class);
            if (snapshot.patient() == null || snapshot.start() == null || snapshot.timeZone() == null
                    || snapshot.durationMinutes() == null) {
                throw new IllegalArgumentException("A preview needs the appointment's patient, start, duration_minutes and time_zone");
            }
            snapshot.zone();
            return snapshot;
        } catch (IOException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("The body is not an appointment snapshot as the webhook contract describes");
        }
    }

    private static HttpResponseMessage templateProblem(HttpRequestMessage<?> request, TemplateException e) {
        return Problem.of(HttpStatus.BAD_REQUEST, "Template cannot be used", e.getMessage())
                .with("template", e.template())
                .with("line", e.line())
                .with("column", e.column())
                .with("reason", e.reason())
                .toResponse(request);
    }

    private static HttpResponseMessage unknown(HttpRequestMessage<?> request) {
        return Problem.of(HttpStatus.NOT_FOUND, "No such template",
                "GET manage/templates lists the template names").toResponse(request);
    }

    private static HttpResponseMessage json(HttpRequestMessage<?> request, HttpStatus status, Object body) {
        return JsonResponses.json(request, status, body).build();
    }

    private record Summary(String name, String description, boolean html, boolean overridden) {}
}
