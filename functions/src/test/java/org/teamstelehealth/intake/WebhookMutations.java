package org.teamstelehealth.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;

/**
 * Bad (and some still good) webhook bodies made from the contract's valid examples, each with the
 * answer the contract calls for. For every JSON Pointer of every example: the field removed, its value
 * of each wrong JSON type, too long, far too long (over 256 KiB), nested past the depth limit, its key
 * repeated, invalid UTF-8 and control characters in it; numbers out of range, dates that do not exist,
 * bad offsets and zones; fields the schema does not name, which the contract says are ignored.
 *
 * <p>Which fields the contract names, requires and constrains is read from the schema's
 * {@code fullAppointment} (and for {@code appointment.deleted}, only {@code id} and {@code version}).
 */
final class WebhookMutations {
    /** What the contract says the service answers. */
    enum Expect {
        /** Still the contract's shape: 202, queued. */
        ACCEPTED,
        /** 400 naming {@link Mutation#pointer()} (or, for the whole body, with a detail containing {@link Mutation#detail()}). */
        INVALID,
        /** Over 256 KiB: 413. */
        TOO_LARGE,
        /** The schema leaves it open (e.g. a lower-case {@code t} in a date-time): 202, or 400 naming the field. */
        ACCEPTED_OR_INVALID
    }

    /**
     * One generated body.
     *
     * @param pointer the field a 400 must name ({@code ""} for the body as a whole)
     * @param detail for a body-level 400, a word its detail must contain
     */
    record Mutation(String example, String name, byte[] body, Expect expect, String pointer, String detail) {
        @Override
        public String toString() {
            // Names only: the body carries the examples' (made-up) patient data, kept out of the logs.
            return example + " " + name + " -> " + expect + (pointer == null ? "" : " " + pointer);
        }
    }

    /** How the contract constrains a field's value. */
    private enum Kind { TEXT, CONSTRAINED_STRING, START, ZONE, INTEGER, BOOLEAN, OBJECT }

    private static final String BAD = "\uE000BAD\uE000";
    private static final int HUGE = 300 * 1024;
    private static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] {(byte) 0xC3, 0x28},                     // a lead byte without its continuation
            new byte[] {(byte) 0xFF},                           // never valid
            new byte[] {(byte) 0xC0, (byte) 0xAF},              // overlong "/"
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-16 surrogate encoded
            new byte[] {(byte) 0xE2, (byte) 0x82},              // truncated three-byte sequence
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}); // above U+10FFFF
    private static final List<String> BAD_STARTS = List.of(
            "2027-02-30T16:00:00+10:30", "2027-02-29T16:00:00+10:30", "2027-13-05T16:00:00+10:30",
            "2027-00-05T16:00:00+10:30", "2027-03-32T16:00:00+10:30", "2027-03-05T24:00:00+10:30",
            "2027-03-05T25:00:00+10:30", "2027-03-05T16:60:00+10:30", "2027-03-05T16:00:61+10:30",
            "2027-03-05T16:00:00+25:00", "2027-03-05T16:00:00+10:60", "2027-03-05T16:00:00+1030",
            "2027-03-05T16:00:00", "2027-03-05 16:00:00", "2027-03-05", "16:00:00+10:30",
            "2027-03-05T16:00:00+10:30[Australia/Adelaide]", "+12027-03-05T16:00:00+10:30",
            "2027-3-5T16:00:00+10:30", "2027-03-05T16:00+10:30", "1615000000", "2027-03-05T16:00:00.+10:30",
            "2027-03-05T23:59:60+10:30", "2027-03-05T16:00:00Z+10:30", "");
    /** Valid RFC 3339 that a strict parser may still refuse: 202 or a 400 naming start, never a 5xx. */
    private static final List<String> ODD_STARTS = List.of(
            "2027-03-05T05:30:00Z", "2027-03-05T16:00:00.123456789+10:30", "2027-03-05t16:00:00+10:30",
            "2027-03-05T05:30:00z", "2027-03-05T05:30:00-00:00", "2028-02-29T16:00:00+10:30",
            "2027-03-05T16:00:00+14:00", "2027-03-05T16:00:00-12:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z");
    private static final List<String> BAD_ZONES = List.of(
            "Mars/Olympus_Mons", "australia/adelaide", "Australia/Adelaide ", "UTC+10", "GMT+10:30", "+10:30",
            "Etc/GMT+25", "../../etc/passwd", "Australia/", "Adelaide", "\u0000");
    private static final List<String> BAD_INTEGERS = List.of(
            "0", "-1", "-9223372036854775808", "9007199254740992", "9223372036854775807", "9223372036854775808",
            "18446744073709551616", "1e400", "-1e400", "1.5", "0.999", "1e-7", "-0.0", "\"1\"");
    private static final List<String> ODD_INTEGERS = List.of("1.0", "1e0", "1E1");

    private final Map<String, Kind> kinds = new HashMap<>();
    private final Map<String, Set<String>> required = new HashMap<>();
    private final Map<String, Long> maxima = new HashMap<>();

    private WebhookMutations() {
        JsonNode schema = read(readSchema());
        JsonNode defs = schema.get("$defs");
        kinds.put("/type", Kind.CONSTRAINED_STRING);
        kinds.put("/appointment", Kind.OBJECT);
        required.put("", Set.of("type", "appointment"));
        learn("/appointment", defs.get("fullAppointment"), defs);
    }

    /** Every mutation of every valid example, then the contract's invalid examples. */
    static List<Mutation> all() {
        WebhookMutations mutations = new WebhookMutations();
        List<Mutation> all = new ArrayList<>();
        for (String example : ContractExamples.valid()) {
            all.addAll(mutations.of(example));
        }
        for (String example : ContractExamples.invalid()) {
            all.add(new Mutation(example, "contract's invalid example", ContractExamples.body(example).getBytes(StandardCharsets.UTF_8),
                    Expect.INVALID, ContractValidatorTest.EXPECTED_POINTERS.get(example).iterator().next(), null));
        }
        return all;
    }

    private void learn(String at, JsonNode schema, JsonNode defs) {
        required.put(at, Set.copyOf(strings(schema.path("required"))));
        schema.path("properties").fields().forEachRemaining(property -> {
            String pointer = at + "/" + property.getKey();
            JsonNode rule = resolve(property.getValue(), defs);
            if (rule.has("maximum")) {
                maxima.put(pointer, rule.get("maximum").asLong());
            }
            kinds.put(pointer, kind(pointer, rule));
            if ("object".equals(rule.path("type").asText())) {
                learn(pointer, rule, defs);
            }
        });
    }

    private static Kind kind(String pointer, JsonNode rule) {
        if (pointer.endsWith("/start")) {
            return Kind.START;
        }
        if (pointer.endsWith("/time_zone")) {
            return Kind.ZONE;
        }
        if (rule.has("enum") || rule.has("format") || rule.has("pattern")) {
            return Kind.CONSTRAINED_STRING;
        }
        return switch (rule.path("type").asText()) {
            case "integer" -> Kind.INTEGER;
            case "boolean" -> Kind.BOOLEAN;
            case "object" -> Kind.OBJECT;
            default -> Kind.TEXT;
        };
    }

    private static JsonNode resolve(JsonNode rule, JsonNode defs) {
        String ref = rule.path("$ref").asText("");
        return ref.startsWith("#/$defs/") ? defs.get(ref.substring("#/$defs/".length())) : rule;
    }

    private List<Mutation> of(String example) {
        JsonNode document = read(ContractExamples.body(example));
        boolean deletion = "appointment.deleted".equals(document.path("type").asText());
        List<Mutation> out = new ArrayList<>();
        Generator generator = new Generator(example, document, deletion, out);
        fieldsOf(document, "").forEach(generator::field);
        objectsOf(document, "").forEach(generator::extraFields);
        return out;
    }

    /** Makes the mutations of one example. */
    private final class Generator {
        private final String example;
        private final JsonNode document;
        private final boolean deletion;
        private final List<Mutation> out;

        Generator(String example, JsonNode document, boolean deletion, List<Mutation> out) {
            this.example = example;
            this.document = document;
            this.deletion = deletion;
            this.out = out;
        }

        /** The contract's kind of the field, or null when the contract ignores it. */
        private Kind kindOf(String pointer) {
            if (deletion && pointer.startsWith("/appointment/")) {
                return Set.of("/appointment/id", "/appointment/version").contains(pointer) ? kinds.get(pointer) : null;
            }
            return kinds.get(pointer);
        }

        private boolean isRequired(String pointer) {
            int slash = pointer.lastIndexOf('/');
            String parent = pointer.substring(0, slash);
            String name = pointer.substring(slash + 1);
            if (deletion && parent.equals("/appointment")) {
                return Set.of("id", "version").contains(name);
            }
            return kindOf(pointer) != null && required.getOrDefault(parent, Set.of()).contains(name);
        }

        void field(String pointer, JsonNode value) {
            Kind kind = kindOf(pointer);
            boolean named = kind != null;
            add("remove", pointer, remove(pointer), isRequired(pointer) ? Expect.INVALID : Expect.ACCEPTED);
            for (Map.Entry<String, String> wrong : wrongTypes(value).entrySet()) {
                add("as " + wrong.getKey(), pointer, replace(pointer, wrong.getValue()), named ? Expect.INVALID : Expect.ACCEPTED);
            }
            add("nested 70 deep", pointer, replace(pointer, "[".repeat(70) + "]".repeat(70)), Expect.INVALID, "", "nested");
            add("key twice", pointer, replace(pointer, value + ", " + Json.write(last(pointer)) + ": " + value),
                    Expect.INVALID, pointer, "more than once");
            if (value.isTextual()) {
                strings(pointer, value.asText(), kind);
            }
            if (kind == Kind.INTEGER) {
                integers(pointer);
            }
        }

        private void strings(String pointer, String text, Kind kind) {
            boolean free = kind == null || kind == Kind.TEXT;
            add("4001 characters", pointer, replace(pointer, Json.write("a".repeat(4001))), kind == null ? Expect.ACCEPTED : Expect.INVALID);
            add("300 KiB", pointer, replace(pointer, Json.write("a".repeat(HUGE))), Expect.TOO_LARGE, null, null);
            for (byte[] bad : INVALID_UTF8) {
                String[] around = replace(pointer, quoted(text) + BAD + "\"").split(BAD, 2);
                out.add(new Mutation(example, "invalid UTF-8 " + hex(bad) + " at " + pointer,
                        concat(utf8(around[0]), bad, utf8(around[1])), Expect.INVALID, "", "UTF-8"));
            }
            for (char control : new char[] {0x00, 0x01, 0x09, 0x0A, 0x1B, 0x1F}) {
                add("raw U+" + hex(control), pointer, replace(pointer, quoted(text) + control + "\""), Expect.INVALID, "", "not JSON");
            }
            for (String escaped : new String[] {"\u0000", "\u001b", "\n", "\r\n", "\u0085", "\u007f", "\u2028", "\uFEFF"}) {
                // The email format is the validator's (it allows non-ASCII mailboxes, RFC 6531), so a
                // zero-width no-break space may pass it; anything else constrained must not.
                Expect constrained = escaped.equals("\uFEFF") && kind == Kind.CONSTRAINED_STRING
                        ? Expect.ACCEPTED_OR_INVALID : Expect.INVALID;
                add("escaped U+" + hex(escaped.charAt(0)) + " after", pointer, replace(pointer, Json.write(text + escaped)),
                        free ? Expect.ACCEPTED : constrained);
                add("escaped U+" + hex(escaped.charAt(0)) + " before", pointer, replace(pointer, Json.write(escaped + text)),
                        free ? Expect.ACCEPTED : constrained);
            }
            if (kind == Kind.START) {
                BAD_STARTS.forEach(start -> add("start " + start, pointer, replace(pointer, Json.write(start)), Expect.INVALID));
                ODD_STARTS.forEach(start -> add("start " + start, pointer, replace(pointer, Json.write(start)),
                        Expect.ACCEPTED_OR_INVALID));
            }
            if (kind == Kind.ZONE) {
                BAD_ZONES.forEach(zone -> add("zone " + zone, pointer, replace(pointer, Json.write(zone)), Expect.INVALID));
            }
        }

        private void integers(String pointer) {
            BAD_INTEGERS.forEach(number -> add("number " + number, pointer, replace(pointer, number), Expect.INVALID));
            ODD_INTEGERS.forEach(number -> add("number " + number, pointer, replace(pointer, number), Expect.ACCEPTED_OR_INVALID));
            long maximum = maxima.get(pointer);
            add("number at the maximum", pointer, replace(pointer, Long.toString(maximum)), Expect.ACCEPTED);
            add("number 1", pointer, replace(pointer, "1"), Expect.ACCEPTED);
            add("number over the maximum", pointer, replace(pointer, Long.toString(maximum + 1)), Expect.INVALID);
            add("number of 2000 digits", pointer, replace(pointer, "9".repeat(2000)), Expect.INVALID, "", "digits");
        }

        void extraFields(String pointer) {
            Map<String, String> extras = new LinkedHashMap<>();
            extras.put("string", "\"extra\"");
            extras.put("object", "{\"nested\": {\"deeper\": [1, 2, {\"x\": null}]}}");
            extras.put("null", "null");
            extras.put("number", "123456789012345678901234567890");
            extras.put("long string", Json.write("z".repeat(4001)));
            extras.forEach((name, json) -> add("extra " + name + " field", pointer, addField(pointer, "x_fuzz_extra", json),
                    Expect.ACCEPTED, null, null));
        }

        private void add(String name, String pointer, String body, Expect expect) {
            add(name, pointer, body, expect, expect == Expect.ACCEPTED ? null : pointer, null);
        }

        private void add(String name, String pointer, String body, Expect expect, String errorPointer, String detail) {
            out.add(new Mutation(example, name + " at " + pointer, utf8(body), expect,
                    errorPointer, detail));
        }

        private String remove(String pointer) {
            return render(document, "", pointer, null, true);
        }

        private String replace(String pointer, String raw) {
            return render(document, "", pointer, raw, false);
        }

        private String addField(String objectPointer, String name, String raw) {
            return render(document, "", objectPointer + "/" + name, raw, false);
        }
    }

    /** The value of each JSON type other than {@code value}'s. */
    private static Map<String, String> wrongTypes(JsonNode value) {
        Map<String, String> wrong = new LinkedHashMap<>();
        if (!value.isTextual()) {
            wrong.put("string", "\"7\"");
        }
        if (!value.isNumber()) {
            wrong.put("number", "7");
        }
        if (!value.isBoolean()) {
            wrong.put("boolean", "true");
        }
        wrong.put("null", "null");
        if (!value.isArray()) {
            wrong.put("array", "[]");
        }
        if (!value.isObject()) {
            wrong.put("object", "{}");
        }
        return wrong;
    }

    /**
     * The document as JSON text with the value at {@code target} replaced by {@code raw} (any text, valid
     * JSON or not), or removed; a target that does not exist in its object is added at its end.
     */
    private static String render(JsonNode node, String at, String target, String raw, boolean remove) {
        if (at.equals(target)) {
            return raw;
        }
        if (!node.isObject()) {
            return node.toString();
        }
        StringBuilder out = new StringBuilder("{");
        boolean found = false;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<String> members = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String pointer = at + "/" + field.getKey();
            if (pointer.equals(target)) {
                found = true;
                if (remove) {
                    continue;
                }
            }
            members.add(Json.write(field.getKey()) + ": " + render(field.getValue(), pointer, target, raw, remove));
        }
        if (!found && !remove && target.startsWith(at + "/") && target.lastIndexOf('/') == at.length()) {
            members.add(Json.write(target.substring(at.length() + 1)) + ": " + raw);
        }
        out.append(String.join(", ", members)).append('}');
        return out.toString();
    }

    private static Map<String, JsonNode> fieldsOf(JsonNode node, String at) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            String pointer = at + "/" + field.getKey();
            fields.put(pointer, field.getValue());
            if (field.getValue().isObject()) {
                fields.putAll(fieldsOf(field.getValue(), pointer));
            }
        });
        return fields;
    }

    private static List<String> objectsOf(JsonNode node, String at) {
        List<String> objects = new ArrayList<>(List.of(at));
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                objects.addAll(objectsOf(field.getValue(), at + "/" + field.getKey()));
            }
        });
        return objects;
    }

    private static String last(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    /** A JSON string's opening quote and escaped text, without the closing quote. */
    private static String quoted(String text) {
        String json = Json.write(text);
        return json.substring(0, json.length() - 1);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02X", b & 0xFF));
        }
        return hex.toString();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String readSchema() {
        try {
            return Files.readString(ContractExamples.folder().resolveSibling("appointment-webhook.schema.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
