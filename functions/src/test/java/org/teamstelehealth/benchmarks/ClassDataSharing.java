package org.teamstelehealth.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.teamstelehealth.local.FunctionScanner;

/**
 * What an application class-data-sharing archive would be worth to start-up: a diagnostic of
 * {@code benchmarks/run.sh startup [runs] [on|off] cds}, not something the app ships.
 *
 * <p>JDK 17 archives classes only from jars (a non-empty directory on the class path stops the dump), and never
 * from a signed jar (it skips each such class with "Signed JAR"); the Azure SDK and Functions jars are signed. So
 * this lays out, under {@code target/benchmarks/cds}: {@code app.jar} (the main classes), {@code local.jar} (the
 * test output the local host and the benchmark need, without the test fixtures that carry {@code @FunctionName},
 * which the local host skips as test output), and a copy of every signed dependency without its signature. The
 * archive itself is written by one training launch ({@link StartupBenchmark}) with
 * {@code -XX:ArchiveClassesAtExit}: everything loaded up to its first 202.
 */
record ClassDataSharing(Path directory, String classPath) {
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");

    /** Builds the jars from {@code target/classes}, {@code target/test-classes} and this JVM's class path. */
    static ClassDataSharing prepare(Path projectRoot) throws IOException {
        Path directory = projectRoot.resolve("target/benchmarks/cds");
        Path lib = directory.resolve("lib");
        Files.createDirectories(lib);
        List<String> entries = new ArrayList<>();
        entries.add(jarDirectory(projectRoot.resolve("target/classes"), directory.resolve("app.jar"), (name, bytes) -> true).toString());
        Path localSources = projectRoot.resolve("functions/src/local/java");
        entries.add(jarDirectory(projectRoot.resolve("target/test-classes"), directory.resolve("local.jar"),
                (name, bytes) -> isNeeded(name, bytes, localSources)).toString());
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                entries.add(unsigned(Path.of(entry), lib).toString());
            }
        }
        return new ClassDataSharing(directory, String.join(java.io.File.pathSeparator, entries));
    }

    Path archive() {
        return directory.resolve("app.jsa");
    }

    private static Path jarDirectory(Path classes, Path jar, BiPredicate<String, byte[]> keep) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> !f.equals(classes)).sorted()::iterator) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (Files.isDirectory(file)) {
                    // ClassLoader.getResources(package) finds a package in a jar only by its directory entry.
                    out.putNextEntry(new JarEntry(name + "/"));
                    out.closeEntry();
                } else {
                    byte[] bytes = Files.readAllBytes(file);
                    if (keep.test(name, bytes)) {
                        out.putNextEntry(new JarEntry(name));
                        out.write(bytes);
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    /**
     * From the test output, what the local host and this benchmark run on: the local host's classes and resources, and
     * the benchmark and testing helpers except any test function (the local host skips test output, so a fixture
     * carrying {@code @FunctionName} would clash). The tests themselves are left out, as the directory scan skips them.
     */
    private static boolean isNeeded(String name, byte[] bytes, Path localSources) {
        if (!name.endsWith(".class")) {
            return true;
        }
        String topLevel = name.substring(0, name.length() - ".class".length()).replaceFirst("\\$.*", "");
        if (Files.exists(localSources.resolve(topLevel + ".java"))) {
            return true;
        }
        if (!name.startsWith("org/teamstelehealth/benchmarks/") && !name.startsWith("org/teamstelehealth/testing/")) {
            return false;
        }
        return !FunctionScanner.namesFunctionName(bytes);
    }

    private static Path unsigned(Path jar, Path lib) throws IOException {
        try (JarFile in = new JarFile(jar.toFile(), false)) {
            if (in.stream().noneMatch(e -> SIGNATURE.matcher(e.getName()).matches())) {
                return jar;
            }
            Path copy = lib.resolve(jar.getFileName());
            try (OutputStream file = Files.newOutputStream(copy); JarOutputStream out = new JarOutputStream(file, mainSection(in))) {
                for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements();) {
                    JarEntry entry = e.nextElement();
                    if (!SIGNATURE.matcher(entry.getName()).matches() && !entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        out.putNextEntry(new ZipEntry(entry.getName()));
                        try (InputStream body = in.getInputStream(entry)) {
                            body.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
            return copy;
        }
    }

    /** The manifest without its per-entry digests, which only a signature needs. */
    private static Manifest mainSection(JarFile jar) throws IOException {
        Manifest manifest = new Manifest();
        Manifest original = jar.getManifest();
        if (original != null) {
            manifest.getMainAttributes().putAll(original.getMainAttributes());
        }
        manifest.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
        return manifest;
    }
}
