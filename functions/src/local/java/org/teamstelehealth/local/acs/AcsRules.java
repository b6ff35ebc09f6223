package org.teamstelehealth.local.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What ACS refuses, in front of any WireMock stub of it (registered globally, so a test's own stubs
 * get it too): a send body its published request schema would not accept ({@code acs/*.schema.json},
 * slices of Azure/azure-rest-api-specs, source noted in each) is answered 400 before the stub sees it,
 * and so is a repeated request that does not match its first.
 *
 * <p>Email ({@code POST /emails:send}) follows "Repeatable requests" in the ACS REST reference
 * (learn.microsoft.com/rest/api/communication/repeatable-requests): a malformed
 * {@code Repeatability-Request-Id} or {@code Repeatability-First-Sent} is 400; a first-sent older than
 * the 5 minutes ACS tracks is 412; a repeat within them whose body or first-sent differs from the
 * first is 400; a matching repeat goes to the stub (ACS answers it with the first answer, or runs it
 * again when that was a 5xx: a stub that answers the same way models either).
 *
 * <p>SMS ({@code POST /sms}) carries the same two values per recipient in the body. ACS does not
 * document its answers for them (the repeatable-requests page names Email and Rooms only); we assume
 * the same rules per recipient: the same {@code repeatabilityRequestId} with a new
 * {@code repeatabilityFirstSent} is 400, a first-sent outside the window 412.
 */
public final class AcsRules implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "acs-rules";
    /** How long ACS tracks a repeatable request. */
    public static final Duration TRACKED = Duration.ofMinutes(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern GUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final JsonSchema SMS = schema("acs/sms-send-2021-03-07.schema.json");
    private static final JsonSchema EMAIL = schema("acs/email-send-2023-03-31.schema.json");

    private record Seen(String body, String firstSent, Instant at) {}

    private final Clock clock;
    private final Map<String, Seen> emails = new HashMap<>();
    private final Map<String, Seen> sms = new HashMap<>();

    public AcsRules() {
        this(Clock.systemUTC());
    }

    public AcsRules(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        ResponseDefinition stub = event.getResponseDefinition();
        if (!"POST".equals(request.getMethod().getName())) {
            return stub;
        }
        String path = request.getUrl().replaceAll("\\?.*", "");
        if (path.equals("/emails:send")) {
            return email(request, stub);
        }
        if (path.equals("/sms")) {
            return sms(request, stub);
        }
        return stub;
    }

    private ResponseDefinition email(Request request, ResponseDefinition stub) {
        JsonNode body = parse(request.getBodyAsString());
        String invalid = body == null ? "the body is not JSON" : problems(EMAIL, body);
        if (invalid == null) {
            invalid = attachmentsNotBase64(body);
        }
        if (invalid != null) {
            return error(400, "InvalidRequest", invalid);
        }
        String operationId = request.getHeader("Operation-Id");
        if (operationId != null && !GUID.matcher(operationId).matches()) {
            return error(400, "InvalidOperationId", "Operation-Id must be a GUID");
        }
        String id = request.getHeader("Repeatability-Request-Id");
        String firstSent = request.getHeader("Repeatability-First-Sent");
        if (id == null && firstSent == null) {
            return stub;
        }
        ResponseDefinition refused = refusedRepeat(emails, id, firstSent, request.getBodyAsString());
        if (refused != null) {
            return refused;
        }
        remember(emails, id, request.getBodyAsString(), firstSent);
        return stub;
    }

    private ResponseDefinition sms(Request request, ResponseDefinition stub) {
        JsonNode body = parse(request.getBodyAsString());
        String invalid = body == null ? "the body is not JSON" : problems(SMS, body);
        if (invalid != null) {
            return error(400, "InvalidRequest", invalid);
        }
        for (JsonNode recipient : body.path("smsRecipients")) {
            String id = recipient.path("repeatabilityRequestId").asText(null);
            String firstSent = recipient.path("repeatabilityFirstSent").asText(null);
            if (id == null && firstSent == null) {
                continue;
            }
            String sameRequest = recipient.path("to").asText() + "\n" + body.path("message").asText();
            ResponseDefinition refused = refusedRepeat(sms, id, firstSent, sameRequest);
            if (refused != null) {
                return refused;
            }
            remember(sms, id, sameRequest, firstSent);
        }
        return stub;
    }

    /** The refusal ACS gives this repeatable request, or {@code null} when it goes ahead. */
    private ResponseDefinition refusedRepeat(Map<String, Seen> seen, String id, String firstSent, String body) {
        if (id == null || !GUID.matcher(id).matches()) {
            return error(400, "InvalidRepeatabilityRequestId", "Repeatability-Request-Id must be a GUID");
        }
        Instant sent;
        try {
            sent = ZonedDateTime.parse(firstSent == null ? "" : firstSent, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return error(400, "InvalidRepeatabilityFirstSent", "Repeatability-First-Sent must be an IMF-fixdate");
        }
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(TRACKED))) {
            return error(412, "PreconditionFailed", "Repeatability first sent header not within 5 minute window.");
        }
        Seen first = seen.get(id);
        if (first == null || first.at().isBefore(now.minus(TRACKED))) {
            return null;
        }
        if (!first.body().equals(body) || !first.firstSent().equals(firstSent)) {
            return error(400, "RepeatabilityMismatch",
                    "A request with this Repeatability-Request-Id was sent with a different body or first-sent time");
        }
        return null;
    }

    /** Tracks a request from its first arrival (a repeat does not extend the window). */
    private void remember(Map<String, Seen> seen, String id, String body, String firstSent) {
        Instant now = clock.instant();
        Seen first = seen.get(id);
        Instant since = first == null || first.at().isBefore(now.minus(TRACKED)) ? now : first.at();
        seen.put(id, new Seen(body, firstSent, since));
    }

    private static String attachmentsNotBase64(JsonNode body) {
        for (JsonNode attachment : body.path("attachments")) {
            try {
                Base64.getDecoder().decode(attachment.path("contentInBase64").asText());
            } catch (IllegalArgumentException e) {
                return "/attachments: contentInBase64 is not base64";
            }
        }
        return null;
    }

    /** What the schema finds, by location and keyword only: the library's messages quote values (patient data). */
    private static String problems(JsonSchema schema, JsonNode body) {
        Set<ValidationMessage> messages = schema.validate(body);
        if (messages.isEmpty()) {
            return null;
        }
        return messages.stream()
                .map(m -> m.getInstanceLocation() + " " + m.getType()
                        + (m.getProperty() != null ? " " + m.getProperty() : "")
                        + (m.getArguments() != null && "additionalProperties".equals(m.getType())
                                ? " " + Arrays.toString(m.getArguments()) : ""))
                .sorted().collect(Collectors.joining("; "));
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static ResponseDefinition error(int status, String code, String message) {
        ObjectMapper json = MAPPER;
        String body = json.createObjectNode().set("error", json.createObjectNode().put("code", code).put("message", message)).toString();
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("x-ms-error-code", code)
                .withBody(body).build();
    }

    private static JsonSchema schema(String resource) {
        try (InputStream in = AcsRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            JsonNode document = MAPPER.readTree(in);
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                    .getSchema(SchemaLocation.of("classpath:" + resource), document);
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
