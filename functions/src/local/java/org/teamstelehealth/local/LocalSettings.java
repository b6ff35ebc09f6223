package org.teamstelehealth.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * {@code local.settings.json} as Core Tools reads it: {@code Values} become app settings (the
 * environment wins over them) and {@code Host.LocalHttpPort} is the port.
 */
public record LocalSettings(Map<String, String> values, OptionalInt httpPort) {
    public static final String FILE = "local.settings.json";
    public static final String SAMPLE = "local.settings.sample.json";

    /**
     * Reads {@code local.settings.json} in {@code projectRoot}, first copying the sample there when it
     * is missing (and saying so through {@code log}).
     */
    public static LocalSettings read(Path projectRoot, Consumer<String> log) {
        Path file = projectRoot.resolve(FILE);
        if (!Files.exists(file)) {
            Path sample = projectRoot.resolve(SAMPLE);
            if (!Files.exists(sample)) {
                log.accept("No " + FILE + " or " + SAMPLE + " in " + projectRoot + "; using the environment only");
                return new LocalSettings(Map.of(), OptionalInt.empty());
            }
            try {
                Files.copy(sample, file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot copy " + sample + " to " + file, e);
            }
            log.accept("Created " + FILE + " from " + SAMPLE + " (local values only; edit it to point at real services)");
        }
        try {
            return parse(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static LocalSettings parse(JsonNode root) {
        Map<String, String> values = new LinkedHashMap<>();
        root.path("Values").fields().forEachRemaining(e ->
                values.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        JsonNode port = root.path("Host").path("LocalHttpPort");
        return new LocalSettings(values, port.canConvertToInt() && !port.isMissingNode() && !port.isNull()
                ? OptionalInt.of(port.asInt()) : OptionalInt.empty());
    }

    /** These values with {@code environment} laid over them, as Core Tools does. */
    public Map<String, String> overriddenBy(Map<String, String> environment) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(environment);
        return merged;
    }
}
