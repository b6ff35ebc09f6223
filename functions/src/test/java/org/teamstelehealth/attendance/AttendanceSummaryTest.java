package org.teamstelehealth.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Attendance;
import org.teamstelehealth.appointments.Attendance.Outcome;
import org.teamstelehealth.appointments.Attendance.Presence;
import org.teamstelehealth.testing.AdminTokens;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;

/** The admin's attendance figures on a known set of appointments. */
class AttendanceSummaryTest {
    private static final LocalDate MONDAY = LocalDate.of(2027, 3, 1);
    private static final Instant AT = MONDAY.atStartOfDay(ZoneOffset.UTC).toInstant();

    private final InMemoryAttendanceIndex index = new InMemoryAttendanceIndex();
    private final AttendanceSummary summary = new AttendanceSummary(index);

    private void add(String id, LocalDate day, String provider, boolean ready, boolean cancelled, Attendance a) {
        index.follow(new AttendanceIndex.Entry(id, day, provider, day.atTime(9, 0).toInstant(ZoneOffset.UTC),
                ready && a == null && !cancelled ? AT : null, ready, cancelled, a));
    }

    private static Attendance attended(int wait, int minutes) {
        return new Attendance(Outcome.ATTENDED, null, AT, true, true, new Presence(AT, AT, minutes + wait),
                new Presence(AT, AT, minutes + wait), wait, null);
    }

    private void knownWeek() {
        // Provider 7: three attended (waits 0, 4, 10; minutes 15, 20, 31), a no-show, an unknown, one cancelled.
        add("1", MONDAY, "7", true, false, attended(0, 15));
        add("2", MONDAY, "7", true, false, attended(4, 16));
        add("3", MONDAY.plusDays(1), "7", true, false, attended(10, 21));
        add("4", MONDAY.plusDays(1), "7", true, false, new Attendance(Outcome.NO_SHOW, null, AT, true, false,
                new Presence(AT, AT, 12), null, null, null));
        add("5", MONDAY.plusDays(2), "7", true, false, Attendance.unknown("no report", AT));
        add("6", MONDAY.plusDays(2), "7", true, true, null);
        // Provider 8: one attended (wait 2, 25 min), one whose meeting failed, one the provider missed, one pending.
        add("7", MONDAY, "8", true, false, attended(2, 23));
        add("8", MONDAY, "8", false, false, null);
        add("9", MONDAY.plusDays(3), "8", true, false, new Attendance(Outcome.PROVIDER_ABSENT, null, AT, false, true,
                null, new Presence(AT, AT, 9), null, null));
        add("10", MONDAY.plusDays(4), "8", true, false, null);
        // Outside the range.
        add("11", MONDAY.plusDays(7), "7", true, false, attended(30, 30));
    }

    @Test
    void figuresPerProviderAndInAll() {
        knownWeek();

        AttendanceSummary.Summary week = summary.between(MONDAY, MONDAY.plusDays(6));

        assertEquals(List.of(
                new AttendanceSummary.Line("7", 5, 5, 3, 1, 0, 1, 0, 4.0, 20.0),
                new AttendanceSummary.Line("8", 4, 3, 1, 0, 1, 0, 1, 2.0, 25.0)), week.providers());
        assertEquals(new AttendanceSummary.Line(null, 9, 8, 4, 1, 1, 1, 1, 3.0, 22.5), week.all(),
                "waits 0, 2, 4, 10; minutes 15, 20, 25, 31");
        assertEquals(7, index.reads.size(), "one read per day of the range");
    }

    @Test
    void anEmptyRangeHasNoMedians() {
        AttendanceSummary.Summary none = summary.between(MONDAY, MONDAY);

        assertTrue(none.providers().isEmpty());
        assertEquals(0, none.all().appointments());
        assertNull(none.all().medianPatientWaitMinutes());
    }

    private final AttendanceSummaryFunction function = new AttendanceSummaryFunction(summary,
            AdminTokens.functionKeyOnly(), Clock.fixed(MONDAY.plusDays(6).atTime(12, 0).toInstant(ZoneOffset.UTC),
                    ZoneOffset.UTC));

    private FakeHttpRequest.Response call(String... query) {
        FakeHttpRequest request = FakeHttpRequest.request(HttpMethod.GET,
                "http://localhost/api/manage/attendance/summary");
        for (int i = 0; i + 1 < query.length; i += 2) {
            request.query(query[i], query[i + 1]);
        }
        return FakeHttpRequest.response(function.run(request, FakeExecutionContext.of("attendanceSummary")));
    }

    @Test
    void theRouteAnswersJsonForTheLastSevenDaysByDefault() {
        knownWeek();

        FakeHttpRequest.Response response = call();

        assertEquals(200, response.status());
        JsonNode body = response.json();
        assertEquals("2027-03-01", body.get("from").asText());
        assertEquals(9, body.at("/all/appointments").asInt());
        assertEquals(22.5, body.at("/all/median_duration_minutes").asDouble());
        assertEquals("7", body.at("/providers/0/provider_id").asText());
        assertEquals(1, body.at("/providers/0/no_show").asInt());
    }

    @Test
    void theRouteAnswersCsvForASpreadsheet() {
        knownWeek();

        FakeHttpRequest.Response response = call("from", "2027-03-01", "to", "2027-03-07", "format", "csv");

        assertEquals(200, response.status());
        assertTrue(response.headers().get("Content-Type").startsWith("text/csv"));
        assertEquals(String.join("\r\n", AttendanceSummaryFunction.CSV_HEADER,
                "7,5,5,3,1,0,1,0,4,20",
                "8,4,3,1,0,1,0,1,2,25",
                "all,9,8,4,1,1,1,1,3,22.5") + "\r\n", response.bodyText());
    }

    @Test
    void aProviderIdASpreadsheetWouldRunIsQuotedInert() {
        add("x", MONDAY, "=HYPERLINK(\"x\")", true, false, attended(1, 10));

        String csv = call("from", "2027-03-01", "to", "2027-03-01", "format", "csv").bodyText();

        assertTrue(csv.contains("\r\n\"'=HYPERLINK(\"\"x\"\")\",1,"), csv);
    }

    @Test
    void badRangesAndFormatsAre400() {
        assertEquals(400, call("from", "yesterday").status());
        assertEquals(400, call("from", "2027-03-08", "to", "2027-03-01").status());
        assertEquals(400, call("from", "2026-01-01", "to", "2027-03-01").status());
        assertEquals(400, call("format", "xlsx").status());
    }
}
