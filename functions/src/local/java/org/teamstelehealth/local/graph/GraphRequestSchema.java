package org.teamstelehealth.local.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The request bodies Graph's v1.0 metadata accepts for the onlineMeeting calls the app makes, from the slice in
 * {@value #RESOURCE} (its header names the msgraph-metadata commit it was taken from), plus the rule of the
 * onlineMeeting update reference that a schema cannot state: setting {@code allowedPresenters} to
 * {@code roleIsPresenter} needs the attendees, in full, with their roles.
 */
public final class GraphRequestSchema {
    public static final String RESOURCE = "graph/onlinemeeting-v1.0-slice.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonSchema createOrGet;
    private final JsonSchema update;

    private GraphRequestSchema(JsonNode document) {
        this.createOrGet = schema(document, "createOrGetRequestBody");
        this.update = schema(document, "onlineMeeting");
    }

    public static GraphRequestSchema fromClasspath() {
        try (InputStream in = GraphRequestSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new GraphRequestSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    /** Why Graph would refuse this {@code POST .../onlineMeetings/createOrGet} body, if it would. */
    public Optional<String> refuseCreateOrGet(JsonNode body) {
        return problems(createOrGet, body);
    }

    /** Why Graph would refuse this {@code PATCH .../onlineMeetings/{id}} body, if it would. */
    public Optional<String> refuseUpdate(JsonNode body) {
        Optional<String> problems = problems(update, body);
        if (problems.isPresent()) {
            return problems;
        }
        if ("roleIsPresenter".equals(body.path("allowedPresenters").asText())
                && !body.path("participants").path("attendees").isArray()) {
            return Optional.of("allowedPresenters roleIsPresenter needs participants.attendees in the same request:"
                    + " the full list of attendees, with the presenters' roles");
        }
        if (body.has("startDateTime") != body.has("endDateTime")) {
            return Optional.of("startDateTime and endDateTime must be updated together");
        }
        if (body.path("participants").has("organizer")) {
            return Optional.of("The organizer of the meeting cannot be modified after the meeting is created");
        }
        return Optional.empty();
    }

    private static Optional<String> problems(JsonSchema schema, JsonNode body) {
        var errors = schema.validate(body);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(errors.stream().map(ValidationMessage::getMessage).sorted()
                .collect(Collectors.joining("; ")));
    }

    private static JsonSchema schema(JsonNode document, String definition) {
        ObjectNode root = document.deepCopy();
        root.remove("x-source");
        root.put("$ref", "#/$defs/" + definition);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("classpath:" + RESOURCE + "#" + definition), root, config);
        schema.initializeValidators();
        return schema;
    }
}
