package org.teamstelehealth.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Attendance;
import org.teamstelehealth.bootstrap.Application;
import org.teamstelehealth.testing.AdminTokens;
import org.teamstelehealth.testing.FakeExecutionContext;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.TestSettings;

/** The summary route as {@link Application} wires it: guarded like the other admin routes, reading the table. */
class AttendanceSummaryThroughApplicationTest {
    private final Clock clock = Clock.systemUTC();
    private final AdminTokens tenant = AdminTokens.generate(clock);
    private final AdminTokens.JwksServer keys = tenant.serve();
    private final Application app = new Application(TestSettings.settings(keys.settings()), clock, null);
    /** A day of its own in the shared table. */
    private final LocalDate day = LocalDate.of(2200 + ThreadLocalRandom.current().nextInt(700), 6, 1);

    @AfterEach
    void stop() {
        keys.close();
    }

    private FakeHttpRequest.Response summary(String authorization) {
        FakeHttpRequest request = FakeHttpRequest.get("https://telehealth.example.org/api/manage/attendance/summary")
                .query("from", day.toString()).query("to", day.toString());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return FakeHttpRequest.response(app.function(AttendanceSummaryFunction.class)
                .run(request, FakeExecutionContext.of("attendanceSummary")));
    }

    @Test
    void aReaderGetsTheFiguresFromTheTableAndNobodyElseDoes() {
        Instant start = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
        TableAttendanceIndex index = new TableAttendanceIndex(() -> app.storage().table(TableAttendanceIndex.TABLE));
        index.follow(new AttendanceIndex.Entry("s-1", day, "7", start, null, true, false,
                new Attendance(Attendance.Outcome.NO_SHOW, null, start, true, false, null, null, null, null)));
        index.follow(new AttendanceIndex.Entry("s-2", day, "7", start, start.plusSeconds(2700), true, false, null));

        assertEquals(401, summary(null).status());
        assertEquals(403, summary(AdminTokens.bearer(tenant.user())).status(), "a token without an app role");
        FakeHttpRequest.Response answer = summary(AdminTokens.bearer(tenant.reader()));

        assertEquals(200, answer.status());
        assertEquals(2, answer.json().at("/all/appointments").asInt());
        assertEquals(1, answer.json().at("/all/no_show").asInt());
        assertEquals(1, answer.json().at("/all/pending").asInt());
    }
}
