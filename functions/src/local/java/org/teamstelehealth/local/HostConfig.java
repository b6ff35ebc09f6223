package org.teamstelehealth.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of {@code host.json} the local host honours: the HTTP route prefix and queue polling. */
public record HostConfig(String routePrefix, QueueOptions queues) {

    private static final Pattern TIMESPAN = Pattern.compile("(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");

    /** Reads {@code host.json} in {@code projectRoot}; the Functions defaults when it is missing. */
    public static HostConfig read(Path projectRoot) {
        Path file = projectRoot.resolve("host.json");
        if (!Files.exists(file)) {
            return new HostConfig("api", QueueOptions.DEFAULTS);
        }
        try {
            return parse(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static HostConfig parse(JsonNode root) {
        JsonNode http = root.path("extensions").path("http");
        String prefix = http.has("routePrefix") ? http.get("routePrefix").asText() : "api";
        JsonNode queues = root.path("extensions").path("queues");
        QueueOptions defaults = QueueOptions.DEFAULTS;
        Duration lease = root.has("functionTimeout") ? timespan(root.get("functionTimeout").asText()) : defaults.lease();
        QueueOptions options = new QueueOptions(
                queues.path("batchSize").asInt(defaults.batchSize()),
                queues.path("maxDequeueCount").asInt(defaults.maxDequeueCount()),
                queues.has("visibilityTimeout") ? timespan(queues.get("visibilityTimeout").asText()) : defaults.visibilityTimeout(),
                queues.has("maxPollingInterval") ? timespan(queues.get("maxPollingInterval").asText()) : defaults.maxPollingInterval(),
                lease,
                queues.path("newBatchThreshold").asInt(QueueOptions.DEFAULT_THRESHOLD));
        return new HostConfig(trimSlashes(prefix), options);
    }

    /** A .NET TimeSpan as host.json writes it: {@code [d.]hh:mm:ss[.fffffff]}. */
    static Duration timespan(String text) {
        Matcher m = TIMESPAN.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("host.json: '" + text + "' is not a time span like 00:00:30");
        }
        Duration d = Duration.ofDays(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                .plusHours(Long.parseLong(m.group(2)))
                .plusMinutes(Long.parseLong(m.group(3)))
                .plusSeconds(Long.parseLong(m.group(4)));
        if (m.group(5) != null) {
            String fraction = (m.group(5) + "000000000").substring(0, 9);
            d = d.plusNanos(Long.parseLong(fraction));
        }
        return d;
    }

    private static String trimSlashes(String prefix) {
        return prefix.replaceAll("^/+|/+$", "");
    }
}
