package org.teamstelehealth.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.Problem.FieldError;

/**
 * Checks a webhook body against the contract's JSON Schema (draft 2020-12) with format assertions on
 * ({@code date-time} with an offset, {@code email}, {@code uuid}), plus the rule the schema cannot
 * state: {@code time_zone} is a known IANA zone id.
 *
 * <p>Each problem names its field by JSON Pointer. Details are written here from the schema alone,
 * never from the library's messages, which quote the offending value (often patient data).
 */
public final class ContractValidator {
    /** Where the vendored schema sits on the classpath. */
    public static final String SCHEMA_RESOURCE = "contract/appointment-webhook.schema.json";

    private static final String DELETED = "appointment.deleted";
    private static final ObjectReader STRICT_READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Map<String, String> FORMATS = Map.of(
            "date-time", "must be an RFC 3339 date-time with an offset, e.g. 2024-09-27T16:00:00+09:30",
            "email", "must be an email address",
            "uuid", "must be a UUID");

    private final JsonSchema schema;
    private final Set<String> zoneIds = ZoneId.getAvailableZoneIds();

    private ContractValidator(JsonSchema schema) {
        this.schema = schema;
    }

    /**
     * Loads the contract's schema from {@value #SCHEMA_RESOURCE} on this class's classpath (read here
     * rather than by the library, which would use the thread's context class loader: not ours in
     * every Functions worker).
     */
    public static ContractValidator fromClasspath() {
        JsonNode document;
        try (InputStream in = ContractValidator.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath");
            }
            document = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + SCHEMA_RESOURCE, e);
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .regularExpressionFactory(EcmaAnchors.INSTANCE)
                .build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("classpath:" + SCHEMA_RESOURCE), document, config);
        schema.initializeValidators();
        return new ContractValidator(schema);
    }

    /** The parsed body when it keeps the contract, or each field that does not. */
    public record Validation(JsonNode body, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Validation validate(String body) {
        JsonNode node;
        try {
            node = STRICT_READER.readTree(body);
        } catch (JsonProcessingException e) {
            return invalid(null, Json.duplicatedKey(e)
                    .map(pointer -> new FieldError(pointer, "appears more than once"))
                    .orElseGet(() -> new FieldError("", Json.describe(e))));
        }
        if (node == null || node.isMissingNode()) {
            return invalid(null, new FieldError("", "the body is empty"));
        }
        Set<FieldError> errors = new LinkedHashSet<>();
        for (ValidationMessage message : schema.validate(node)) {
            errors.add(fieldError(message));
        }
        checkTimeZone(node).ifPresent(errors::add);
        return new Validation(node, List.copyOf(errors));
    }

    private Optional<FieldError> checkTimeZone(JsonNode body) {
        JsonNode zone = body.path("appointment").path("time_zone");
        boolean deletion = DELETED.equals(body.path("type").asText(null));
        if (deletion || !zone.isTextual() || zoneIds.contains(zone.asText())) {
            return Optional.empty();
        }
        return Optional.of(new FieldError("/appointment/time_zone",
                "must be an IANA time zone id, e.g. Australia/Adelaide"));
    }

    private static FieldError fieldError(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        if ("required".equals(message.getType())) {
            return new FieldError(pointer + "/" + escape(message.getProperty()), "is required");
        }
        return new FieldError(pointer, describe(message));
    }

    /** A detail built from the schema's own values (limits, enum members), never the instance's. */
    private static String describe(ValidationMessage message) {
        JsonNode rule = message.getSchemaNode();
        return switch (message.getType()) {
            case "type" -> "must be " + article(rule.asText()) + " " + rule.asText();
            case "enum" -> "must be one of " + members(rule);
            case "const" -> "must be " + rule;
            case "format" -> FORMATS.getOrDefault(rule.asText(), "must be a valid " + rule.asText());
            case "minimum" -> "must be at least " + rule.asText();
            case "maximum" -> "must be at most " + rule.asText();
            case "minLength" -> "must have at least " + rule.asText() + " character(s)";
            case "maxLength" -> "must have at most " + rule.asText() + " characters";
            case "pattern" -> "must match the pattern " + rule.asText();
            default -> "does not satisfy the schema's '" + message.getType() + "' rule";
        };
    }

    private static String members(JsonNode values) {
        List<String> members = new ArrayList<>();
        values.forEach(value -> members.add(value.asText()));
        return String.join(", ", members);
    }

    private static String article(String type) {
        return type.matches("[aeiou].*") ? "an" : "a";
    }

    private static String escape(String property) {
        return property.replace("~", "~0").replace("/", "~1");
    }

    private static Validation invalid(JsonNode body, FieldError error) {
        return new Validation(body, List.of(error));
    }
}
