package org.teamstelehealth.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.teamstelehealth.platform.Problem.FieldError;
import org.teamstelehealth.testing.ContractExamples;

class ContractValidatorTest {
    /** The field each invalid example gets wrong, by its file name in contract/examples/invalid. */
    static final Map<String, Set<String>> EXPECTED_POINTERS = Map.ofEntries(
            Map.entry("array-body.json", Set.of("")),
            Map.entry("deleted-without-version.json", Set.of("/appointment/version")),
            Map.entry("duration-negative.json", Set.of("/appointment/duration_minutes")),
            Map.entry("duration-too-long.json", Set.of("/appointment/duration_minutes")),
            Map.entry("email-invalid.json", Set.of("/appointment/patient/email")),
            Map.entry("empty-given-name.json", Set.of("/appointment/patient/given_name")),
            Map.entry("empty-object.json", Set.of("/type", "/appointment")),
            Map.entry("missing-patient.json", Set.of("/appointment/patient")),
            Map.entry("missing-version.json", Set.of("/appointment/version")),
            Map.entry("not-json.json", Set.of("")),
            Map.entry("phone-not-e164.json", Set.of("/appointment/patient/mobile_phone")),
            Map.entry("start-not-a-date.json", Set.of("/appointment/start")),
            Map.entry("start-without-offset.json", Set.of("/appointment/start")),
            Map.entry("telehealth-flag-not-boolean.json", Set.of("/appointment/appointment_type/telehealth_enabled")),
            Map.entry("time-zone-unknown.json", Set.of("/appointment/time_zone")),
            Map.entry("unknown-status.json", Set.of("/appointment/status")),
            Map.entry("unknown-type.json", Set.of("/type")),
            Map.entry("version-as-string.json", Set.of("/appointment/version")),
            Map.entry("version-zero.json", Set.of("/appointment/version")));

    private static final ContractValidator VALIDATOR = ContractValidator.fromClasspath();

    static List<String> validExamples() {
        return ContractExamples.valid();
    }

    static List<String> invalidExamples() {
        return ContractExamples.invalid();
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void everyValidExamplePasses(String example) {
        ContractValidator.Validation validation = VALIDATOR.validate(ContractExamples.body(example));
        assertEquals(List.of(), validation.errors(), example);
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void everyInvalidExampleNamesExactlyItsBadField(String example) {
        Set<String> expected = EXPECTED_POINTERS.get(example);
        assertTrue(expected != null, "No expected pointer for the new invalid example " + example + ": add it here");

        ContractValidator.Validation validation = VALIDATOR.validate(ContractExamples.body(example));

        assertEquals(new TreeSet<>(expected), pointers(validation.errors()), example + ": " + validation.errors());
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void detailsNeverEchoTheRejectedValue(String example) {
        String body = ContractExamples.body(example);
        ContractValidator.Validation validation = VALIDATOR.validate(body);
        for (FieldError error : validation.errors()) {
            JsonNode value = validation.body() == null ? null : validation.body().at(error.pointer());
            if (value != null && value.isValueNode() && value.asText().length() >= 2) {
                assertFalse(error.detail().contains(value.asText()), example + " echoes its value: " + error.detail());
            }
            assertFalse(error.detail().isBlank(), example);
        }
    }

    @Test
    void invalidEmailIsAssertedAndNotQuoted() {
        List<FieldError> errors = VALIDATOR.validate(ContractExamples.body("email-invalid.json")).errors();
        assertEquals(List.of(new FieldError("/appointment/patient/email", "must be an email address")), errors);
    }

    @Test
    void startWithoutOffsetIsAssertedAsDateTime() {
        List<FieldError> errors = VALIDATOR.validate(ContractExamples.body("start-without-offset.json")).errors();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).detail().contains("offset"), errors.toString());
    }

    @Test
    void providerObjectIdMustBeAUuid() {
        String body = ContractExamples.body("created.json")
                .replace("3efbdd46-d280-4b0f-a414-1ff1f3dda63a", "victor-hong");
        assertEquals(List.of(new FieldError("/appointment/provider/entra_object_id", "must be a UUID")),
                VALIDATOR.validate(body).errors());
    }

    @Test
    void utcStartWithZIsAccepted() {
        String body = ContractExamples.body("created.json").replace("2027-03-05T16:00:00+10:30", "2027-03-05T05:30:00Z");
        assertEquals(List.of(), VALIDATOR.validate(body).errors());
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        String body = ContractExamples.body("created.json")
                .replace("\"version\": 1", "\"version\": 0")
                .replace("\"+61415100919\"", "\"0415 100 919\"")
                .replace("Australia/Adelaide", "Adelaide");
        assertEquals(Set.of("/appointment/version", "/appointment/patient/mobile_phone", "/appointment/time_zone"),
                pointers(VALIDATOR.validate(body).errors()));
    }

    @Test
    void aDeletionIsNotHeldToTheFullShapeNorItsTimeZone() {
        String body = "{\"type\":\"appointment.deleted\",\"appointment\":{\"id\":\"47\",\"version\":9,\"time_zone\":\"Nowhere\"}}";
        assertEquals(List.of(), VALIDATOR.validate(body).errors());
    }

    @Test
    void versionBeyondTwoToTheFiftyThreeIsRejected() {
        String body = "{\"type\":\"appointment.deleted\",\"appointment\":{\"id\":\"47\",\"version\":9007199254740992}}";
        assertEquals(Set.of("/appointment/version"), pointers(VALIDATOR.validate(body).errors()));
    }

    @Test
    void emptyAndTrailingGarbageBodiesAreNotJson() {
        assertEquals(Set.of(""), pointers(VALIDATOR.validate("").errors()));
        assertEquals(Set.of(""), pointers(VALIDATOR.validate("{\"type\":\"appointment.created\"} {").errors()));
    }

    // Found by IntakeFuzzTest: the JDK's "$" also matches before a final line terminator; the schema's
    // patterns are ECMA-262, where it matches only at the end.
    @Test
    void aPhoneNumberFollowedByALineTerminatorIsNotE164() {
        for (String end : new String[] {"\\n", "\\r\\n", "\\u2028", "\\u0085"}) {
            String body = ContractExamples.body("created.json").replace("\"+61415100919\"", "\"+61415100919" + end + "\"");

            assertEquals(Set.of("/appointment/patient/mobile_phone"), pointers(VALIDATOR.validate(body).errors()), end);
        }
    }

    // Found by IntakeFuzzTest: a 2,000-digit number was reported as nesting too deep.
    @Test
    void aNumberTooLongToReadIsSaidToBeSo() {
        String body = "{\"type\":\"appointment.deleted\",\"appointment\":{\"id\":\"47\",\"version\":" + "9".repeat(2000) + "}}";

        List<FieldError> errors = VALIDATOR.validate(body).errors();

        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).detail().contains("number"), errors.get(0).detail());
        assertFalse(errors.get(0).detail().contains("nested"), errors.get(0).detail());
    }

    @Test
    void everyExampleInTheFolderHasAnExpectation() {
        assertEquals(new TreeSet<>(EXPECTED_POINTERS.keySet()), new TreeSet<>(ContractExamples.invalid()));
    }

    private static Set<String> pointers(List<FieldError> errors) {
        return errors.stream().map(FieldError::pointer).collect(Collectors.toCollection(TreeSet::new));
    }
}
