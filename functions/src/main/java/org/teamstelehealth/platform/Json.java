package org.teamstelehealth.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;

/**
 * The one JSON mapper: snake_case like the contract, ISO-8601 times, unknown fields ignored; a
 * document nested deeper than {@value #MAX_NESTING_DEPTH} levels or with a key repeated in one
 * object is refused (never "last one wins").
 */
public final class Json {
    /** Far above anything the contract or our own messages nest (four levels); Jackson's default is 1000. */
    public static final int MAX_NESTING_DEPTH = 64;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            // The message would quote patient data from the payload; keep only the location.
            throw new IllegalArgumentException("Malformed " + type.getSimpleName() + " JSON: " + describe(e), null);
        }
    }

    /**
     * Why a document could not be read, without quoting it (it may hold patient data): too deep, a
     * repeated key (by JSON Pointer), or where the syntax broke.
     */
    public static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            // Jackson says which limit only in its message: nesting depth, or a number's or string's length.
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Number")) {
                return "a number in the JSON has more digits than can be read";
            }
            if (message.startsWith("String")) {
                return "a string in the JSON is longer than can be read";
            }
            return "the JSON is nested deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        Optional<String> duplicate = duplicatedKey(e);
        if (duplicate.isPresent()) {
            return "the key " + duplicate.get() + " appears more than once";
        }
        JsonLocation location = e.getLocation();
        return location == null ? "the body is not JSON"
                : "the body is not JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * The JSON Pointer of the key that {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION} found twice,
     * when that is what {@code e} reports.
     */
    public static Optional<String> duplicatedKey(JsonProcessingException e) {
        // Jackson says so only in its message ("Duplicate field 'x'"); the parser still points at the key.
        if (e instanceof JsonParseException parse && parse.getOriginalMessage() != null
                && parse.getOriginalMessage().startsWith("Duplicate field ")
                && parse.getProcessor() != null) {
            return Optional.of(parse.getProcessor().getParsingContext().pathAsPointer().toString());
        }
        return Optional.empty();
    }
}
