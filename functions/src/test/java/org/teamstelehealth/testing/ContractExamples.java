package org.teamstelehealth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;

/** The vendored webhook contract's example bodies ({@code contract/examples}), as test fixtures. */
public final class ContractExamples {
    private ContractExamples() {}

    public static Path folder() {
        return Azurite.projectRoot().resolve("contract/examples");
    }

    /** Every valid example body, by file name. */
    public static List<String> valid() {
        return names(folder());
    }

    /** Every example that must get a 400, by file name (the reason is in the name). */
    public static List<String> invalid() {
        return names(folder().resolve("invalid"));
    }

    /** The exact text of {@code examples/<name>} or {@code examples/invalid/<name>}. */
    public static String body(String name) {
        Path valid = folder().resolve(name);
        return read(Files.exists(valid) ? valid : folder().resolve("invalid").resolve(name));
    }

    /** The appointment of a valid example, parsed as the service parses it. */
    public static Snapshot snapshot(String name) {
        try {
            JsonNode body = Json.MAPPER.readTree(body(name));
            return Json.MAPPER.treeToValue(body.get("appointment"), Snapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example as intake would queue it. */
    public static AppointmentMessage message(String name) {
        try {
            JsonNode body = Json.MAPPER.readTree(body(name));
            return new AppointmentMessage("msg_" + name, body.get("type").asText(), Instant.parse("2027-03-01T00:00:00Z"),
                    0, Json.MAPPER.treeToValue(body.get("appointment"), Snapshot.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example as intake would queue it, under another appointment id (tests share one Azurite). */
    public static AppointmentMessage message(String name, String appointmentId) {
        AppointmentMessage m = message(name);
        Snapshot s = m.snapshot();
        Snapshot renamed = new Snapshot(appointmentId, s.version(), s.status(), s.start(), s.durationMinutes(),
                s.timeZone(), s.comments(), s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
        return new AppointmentMessage(m.webhookId() + "-" + appointmentId, m.type(), m.receivedAt(), 0, renamed);
    }

    private static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
