package org.teamstelehealth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.teamstelehealth.platform.Json;

/**
 * Fails the build when the test run's output holds patient data or a secret: every patient name, phone,
 * email, MRN and comment in the contract's examples, and anything shaped like a join or feed token, a Teams
 * join URL or a webhook secret. Run by Maven after the tests over {@code target/surefire-reports/*-output.txt}
 * (the tests' standard output and logs, the local host's included). A hit names the file, line and kind of
 * value, never the value.
 */
public final class LogScan {
    private static final List<String> PATIENT_FIELDS = List.of("display_name", "email", "mobile_phone", "mrn");
    private static final int SHORTEST_VALUE = 6;

    private final Map<String, Pattern> sensitive;

    LogScan(Map<String, Pattern> sensitive) {
        this.sensitive = sensitive;
    }

    /** {@code args}: the reports folder, then the contract examples folders. */
    public static void main(String[] args) throws IOException {
        Path reports = Path.of(args[0]);
        Map<String, Pattern> sensitive = new LinkedHashMap<>(patterns());
        for (int i = 1; i < args.length; i++) {
            sensitive.putAll(fromExamples(Path.of(args[i])));
        }
        List<String> hits = new LogScan(sensitive).scanReports(reports);
        if (!hits.isEmpty()) {
            throw new IllegalStateException("Patient data or secrets in the test output:\n  " + String.join("\n  ", hits));
        }
        System.out.println("log scan: " + sensitive.size() + " kinds of sensitive value, none in " + reports);
    }

    /** Secrets and tokens by shape, and the test settings' own secrets. */
    static Map<String, Pattern> patterns() {
        Map<String, Pattern> p = new LinkedHashMap<>();
        p.put("webhook secret", Pattern.compile("whsec_[A-Za-z0-9+/=]{16,}"));
        p.put("test webhook secret", Pattern.compile(Pattern.quote(TestSettings.WEBHOOK_SECRET.substring(6))));
        p.put("join link key", Pattern.compile(Pattern.quote(TestSettings.values().get("JOIN_LINK_KEY"))));
        p.put("Graph client secret", Pattern.compile(Pattern.quote(TestSettings.values().get("GRAPH_CLIENT_SECRET"))));
        p.put("token in a URL", Pattern.compile("[?&](token|code|sig)=[A-Za-z0-9_%.~-]{16,}"));
        p.put("feed token in a path", Pattern.compile("/feeds/[^/\\s]+/[A-Za-z0-9_-]{20,}\\.ics"));
        p.put("Teams join URL", Pattern.compile("teams\\.microsoft\\.com/l/meetup-join"));
        p.put("bearer token", Pattern.compile("Bearer [A-Za-z0-9_.-]{20,}"));
        return p;
    }

    /** Every patient's names, contacts and MRN, and every comment, in the contract examples below {@code folder}. */
    static Map<String, Pattern> fromExamples(Path folder) throws IOException {
        Map<String, Pattern> values = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return values;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode appointment = read(file).path("appointment");
                JsonNode patient = appointment.path("patient");
                add(values, "patient name", patient.path("given_name").asText("") + " " + patient.path("family_name").asText(""));
                for (String field : PATIENT_FIELDS) {
                    add(values, "patient " + field, patient.path(field).asText(""));
                }
                add(values, "appointment comment", appointment.path("comments").asText(""));
            }
        }
        return values;
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Json.MAPPER.missingNode(); // the contract's deliberately broken examples
        }
    }

    private static void add(Map<String, Pattern> values, String kind, String value) {
        String v = value.strip();
        String pattern = "(?<![\\w@+])" + Pattern.quote(v) + "(?![\\w@])";
        boolean known = values.values().stream().anyMatch(p -> p.pattern().equals(pattern));
        if (v.length() >= SHORTEST_VALUE && !known) {
            values.put(kind + " #" + values.size(), Pattern.compile(pattern));
        }
    }

    List<String> scanReports(Path reports) throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-output.txt")).sorted().toList()) {
                hits.addAll(scan(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return hits;
    }

    /** {@code file:line: kind} for each line holding a sensitive value. */
    List<String> scan(String name, List<String> lines) {
        Set<String> hits = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            for (Map.Entry<String, Pattern> value : sensitive.entrySet()) {
                if (value.getValue().matcher(lines.get(i)).find()) {
                    hits.add(name + ":" + (i + 1) + ": " + value.getKey().replaceAll(" #\\d+$", ""));
                }
            }
        }
        return List.copyOf(hits);
    }
}
