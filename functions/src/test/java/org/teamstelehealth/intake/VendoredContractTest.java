package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.Azurite;

/**
 * The repo's copy of the contract is the contract, and the app loads that very schema. {@code contract/events/} beside
 * it is ours (what we send the PMS), not part of the vendored copy.
 */
class VendoredContractTest {
    private static final String OUR_OWN = "events" + java.io.File.separator;

    @Test
    void theVendoredCopyEqualsTheSharedContractWhenItIsBesideTheRepo() throws IOException {
        Path vendored = Azurite.projectRoot().resolve("contract");
        Path upstream = upstream();
        assumeTrue(upstream != null, "no shared/contract beside the repo (a plain clone): nothing to compare");

        Map<String, byte[]> expected = files(upstream);
        Map<String, byte[]> actual = files(vendored);
        actual.keySet().removeIf(name -> name.startsWith(OUR_OWN));
        assertEquals(expected.keySet(), actual.keySet(), "files differ from " + upstream);
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name + " differs from " + upstream));
    }

    @Test
    void theSchemaOnTheClasspathIsTheVendoredOne() throws IOException {
        try (InputStream resource = getClass().getClassLoader().getResourceAsStream(ContractValidator.SCHEMA_RESOURCE)) {
            assertNotNull(resource, ContractValidator.SCHEMA_RESOURCE + " is not on the classpath");
            assertArrayEquals(Files.readAllBytes(Azurite.projectRoot().resolve("contract/appointment-webhook.schema.json")),
                    resource.readAllBytes());
        }
    }

    /**
     * {@code ../shared/contract} from the repo root (how CI lays it out); a worktree one level deeper
     * finds it one level up. {@code -Dcontract.upstream=...} names it explicitly.
     */
    private static Path upstream() {
        String configured = System.getProperty("contract.upstream");
        if (configured != null) {
            return Path.of(configured);
        }
        Path root = Azurite.projectRoot();
        for (Path dir = root.getParent(); dir != null && root.getNameCount() - dir.getNameCount() <= 2; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/contract");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                files.put(folder.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
