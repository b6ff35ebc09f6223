package org.teamstelehealth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.azure.functions.HttpStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.testing.FakeHttpRequest;

class ProblemTest {

    @Test
    void theBodyHasTheStandardMembersInOrderAndLeavesOutAMissingDetail() {
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,\"detail\":\"No such thing\"}",
                Problem.of(HttpStatus.NOT_FOUND, "Not found", "No such thing").json());
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Gone\",\"status\":410}",
                Problem.of(HttpStatus.GONE, "Gone", null).json());
    }

    @Test
    void invalidFieldsListEachField() {
        Problem problem = Problem.invalidFields("Invalid", List.of(new Problem.FieldError("/a", "is missing")));

        assertEquals("{\"type\":\"about:blank\",\"title\":\"Invalid\",\"status\":400,"
                + "\"detail\":\"1 field(s) are not as the contract says\","
                + "\"errors\":[{\"pointer\":\"/a\",\"detail\":\"is missing\"}]}", problem.json());
    }

    @Test
    void extensionMembersFollowTheStandardOnesInTheOrderAdded() {
        Problem plain = Problem.of(HttpStatus.BAD_REQUEST, "Bad", "why");

        Problem located = plain.with("line", 2).with("column", 7);

        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad\",\"status\":400,\"detail\":\"why\","
                + "\"line\":2,\"column\":7}", located.json());
        assertEquals(Map.of(), plain.extensions(), "with() leaves the original as it was");
    }

    @Test
    void theResponseIsProblemJsonWithTheStatusAndAnyExtraHeaders() {
        Problem problem = Problem.of(HttpStatus.CONFLICT, "Busy", "later");

        FakeHttpRequest.Response response = FakeHttpRequest.response(
                problem.toResponse(FakeHttpRequest.post("https://host/api/x"), Map.of("Retry-After", "120")));

        assertEquals(HttpStatus.CONFLICT, response.getStatus());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        assertEquals("120", response.getHeader("Retry-After"));
        assertEquals(problem.json(), response.getBody());
    }
}
