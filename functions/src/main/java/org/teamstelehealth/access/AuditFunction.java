package org.teamstelehealth.access;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.platform.JsonResponses;
import org.teamstelehealth.platform.Problem;

/**
 * {@code GET manage/audit?from=&to=}: who did what on the admin routes, for admins. {@code from} and
 * {@code to} are ISO instants of the years 1970 to 9999 (else 400); by default the last 7 days; at most {@value #MAX_DAYS} days and
 * {@value #LIMIT} entries at once.
 */
public final class AuditFunction {
    static final int MAX_DAYS = 31;
    static final int LIMIT = 1000;
    private static final Instant LAST = Instant.parse("+10000-01-01T00:00:00Z");

    private final AdminAccess access;
    private final AuditLog audit;
    private final Clock clock;

    public AuditFunction(AdminAccess access, AuditLog audit, Clock clock) {
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @FunctionName("auditLog")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "manage/audit") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.ADMIN, "audit.read", "audit", () -> entries(request));
    }

    private HttpResponseMessage entries(HttpRequestMessage<Optional<String>> request) {
        Instant to;
        Instant from;
        try {
            to = instant(request, "to").orElse(clock.instant());
            from = instant(request, "from").orElse(to.minus(Duration.ofDays(7)));
        } catch (DateTimeException e) {
            // Not an instant, or one so early that a week before it is none (before Instant.MIN).
            return Problem.of(HttpStatus.BAD_REQUEST, "Malformed range",
                    "from and to must be instants like 2026-12-01T00:00:00Z, from 1970 to 9999").toResponse(request);
        }
        if (!from.isBefore(to) || Duration.between(from, to).toDays() > MAX_DAYS) {
            return Problem.of(HttpStatus.BAD_REQUEST, "Bad range",
                    "from must be before to, and at most " + MAX_DAYS + " days apart").toResponse(request);
        }
        List<AuditEntry> entries = audit.between(from, to, LIMIT);
        return JsonResponses.json(request, HttpStatus.OK,
                Map.of("from", from, "to", to, "entries", entries, "truncated", entries.size() == LIMIT))
                .header("Cache-Control", "no-store").build();
    }

    /** The parameter as an instant of years 1970 to 9999 (the log's row keys have four-digit years). */
    private static Optional<Instant> instant(HttpRequestMessage<?> request, String name) {
        Optional<Instant> at = Optional.ofNullable(request.getQueryParameters().get(name)).filter(s -> !s.isBlank())
                .map(Instant::parse);
        if (at.isPresent() && (at.get().isBefore(Instant.EPOCH) || !at.get().isBefore(LAST))) {
            throw new DateTimeException(name + " is out of range");
        }
        return at;
    }
}
