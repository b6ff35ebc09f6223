package org.teamstelehealth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.teamstelehealth.appointments.AppointmentMessage;
import org.teamstelehealth.appointments.Snapshot;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.platform.Json;

/** The contract's example bodies: {@code contract/examples} in the repo, else the shared contract beside it. */
public final class ContractExamples {
    private ContractExamples() {}

    public static Path folder() {
        Path root = Azurite.projectRoot();
        for (Path dir = root; dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("contract/examples"), dir.resolve("shared/contract/examples")}) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("No contract/examples found above " + root);
    }

    public static Snapshot snapshot(String file) {
        try {
            JsonNode body = Json.MAPPER.readTree(Files.readString(folder().resolve(file)));
            return Json.MAPPER.treeToValue(body.get("appointment"), Snapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example as intake would queue it, under another appointment id (tests share one Azurite). */
    public static AppointmentMessage message(String file, String appointmentId) {
        AppointmentMessage m = message(file);
        Snapshot s = m.snapshot();
        Snapshot renamed = new Snapshot(appointmentId, s.version(), s.status(), s.start(), s.durationMinutes(),
                s.timeZone(), s.comments(), s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
        return new AppointmentMessage(m.webhookId() + "-" + appointmentId, m.type(), m.receivedAt(), 0, renamed);
    }

    /** The example as intake would queue it. */
    public static AppointmentMessage message(String file) {
        try {
            JsonNode body = Json.MAPPER.readTree(Files.readString(folder().resolve(file)));
            return new AppointmentMessage("msg_" + file, body.get("type").asText(), Instant.parse("2027-03-01T00:00:00Z"),
                    0, Json.MAPPER.treeToValue(body.get("appointment"), Snapshot.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
