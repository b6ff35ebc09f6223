package org.teamstelehealth.attendance;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.access.AdminAccess;
import org.teamstelehealth.access.AdminRoute;
import org.teamstelehealth.access.Role;
import org.teamstelehealth.platform.JsonResponses;
import org.teamstelehealth.platform.Problem;

/**
 * {@code GET manage/attendance/summary?from=&to=&format=json|csv}: appointments, ready, attended, no-show, provider
 * absent, unknown, pending, median patient wait and median duration, per provider and in all, for the UTC days
 * {@code from} to {@code to} (dates like 2026-12-01, both included; by default the last 7 days; at most
 * {@value AttendanceSummary#MAX_DAYS} days). Readers and admins.
 */
public final class AttendanceSummaryFunction {
    static final String CSV_HEADER = "provider_id,appointments,ready,attended,no_show,provider_absent,unknown,pending,"
            + "median_patient_wait_minutes,median_duration_minutes";

    private final AttendanceSummary summary;
    private final AdminAccess access;
    private final Clock clock;

    public AttendanceSummaryFunction(AttendanceSummary summary, AdminAccess access, Clock clock) {
        this.summary = summary;
        this.access = access;
        this.clock = clock;
    }

    @FunctionName("attendanceSummary")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "manage/attendance/summary") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.READER, "attendance.summary", "attendance",
                () -> summary(request));
    }

    private HttpResponseMessage summary(HttpRequestMessage<Optional<String>> request) {
        Map<String, String> query = request.getQueryParameters();
        String format = Optional.ofNullable(query.get("format")).filter(s -> !s.isBlank()).orElse("json");
        LocalDate to;
        LocalDate from;
        try {
            to = date(query, "to").orElse(clock.instant().atZone(ZoneOffset.UTC).toLocalDate());
            from = date(query, "from").orElse(to.minusDays(6));
        } catch (DateTimeParseException e) {
            return Problem.of(HttpStatus.BAD_REQUEST, "Malformed range", "from and to must be dates like 2026-12-01")
                    .toResponse(request);
        }
        if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) >= AttendanceSummary.MAX_DAYS) {
            return Problem.of(HttpStatus.BAD_REQUEST, "Bad range", "from must not be after to, and at"
                    + " most " + AttendanceSummary.MAX_DAYS + " days are summed at once").toResponse(request);
        }
        if (!format.equals("json") && !format.equals("csv")) {
            return Problem.of(HttpStatus.BAD_REQUEST, "Unknown format", "format is json or csv").toResponse(request);
        }
        AttendanceSummary.Summary figures = summary.between(from, to);
        return format.equals("csv")
                ? request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"attendance-" + from + "-" + to + ".csv\"")
                        .header("Cache-Control", "no-store").body(csv(figures)).build()
                : JsonResponses.json(request, HttpStatus.OK, figures).header("Cache-Control", "no-store").build();
    }

    /** One line per provider, then {@code all}; values a spreadsheet would run as a formula are quoted inert. */
    static String csv(AttendanceSummary.Summary figures) {
        List<String> lines = new ArrayList<>();
        lines.add(CSV_HEADER);
        figures.providers().forEach(line -> lines.add(row(line.providerId(), line)));
        lines.add(row("all", figures.all()));
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String row(String provider, AttendanceSummary.Line l) {
        return String.join(",", cell(provider), String.valueOf(l.appointments()), String.valueOf(l.ready()),
                String.valueOf(l.attended()), String.valueOf(l.noShow()), String.valueOf(l.providerAbsent()),
                String.valueOf(l.unknown()), String.valueOf(l.pending()), number(l.medianPatientWaitMinutes()),
                number(l.medianDurationMinutes()));
    }

    private static String number(Double value) {
        return value == null ? "" : value % 1 == 0 ? String.valueOf(value.longValue()) : String.valueOf(value);
    }

    private static String cell(String value) {
        String text = value.matches("^[=+\\-@\\t\\r].*") ? "'" + value : value;
        return text.matches(".*[\",\\r\\n].*") || !text.equals(value) ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static Optional<LocalDate> date(Map<String, String> query, String name) {
        return Optional.ofNullable(query.get(name)).filter(s -> !s.isBlank()).map(LocalDate::parse);
    }
}
