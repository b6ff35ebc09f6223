package org.teamstelehealth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.teamstelehealth.appointments.Snapshot;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.platform.Json;

/** The webhook contract's example bodies: {@code contract/examples} in the repo, else the shared copy beside it. */
public final class ContractExamples {
    private ContractExamples() {}

    public static Path folder() {
        Path root = Azurite.projectRoot();
        for (Path candidate : List.of(root.resolve("contract/examples"), root.resolve("../shared/contract/examples"),
                root.resolve("../../shared/contract/examples"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("No contract/examples folder near " + root);
    }

    /** The valid examples' file names. */
    public static List<String> valid() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(p -> p.toString().endsWith(".json")).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Snapshot snapshot(String file) {
        try {
            JsonNode body = Json.MAPPER.readTree(Files.readString(folder().resolve(file)));
            return Json.MAPPER.treeToValue(body.get("appointment"), Snapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
