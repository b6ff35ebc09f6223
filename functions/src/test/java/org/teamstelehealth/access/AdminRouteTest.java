package org.teamstelehealth.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.platform.Problem;
import org.teamstelehealth.testing.AdminTokens;
import org.teamstelehealth.testing.FakeHttpRequest;
import org.teamstelehealth.testing.FakeHttpRequest.Response;
import org.teamstelehealth.testing.MutableClock;

/** The guard every admin route answers through: who may, what a refusal looks like, and what is recorded. */
class AdminRouteTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final AdminTokens tenant = AdminTokens.generate(clock);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final AdminAccess access = tenant.access(audit);
    private final AtomicBoolean ran = new AtomicBoolean();

    @Test
    void noTokenIsA401ProblemWithABearerChallengeAndTheRouteDoesNotRun() {
        Response answer = call(FakeHttpRequest.post("/api/manage/things"), Role.READER, this::conflict);

        assertEquals(401, answer.status());
        assertEquals("Bearer", answer.getHeader("WWW-Authenticate"));
        assertEquals(Problem.CONTENT_TYPE, answer.getHeader("Content-Type"));
        assertFalse(ran.get(), "a refused caller gets nothing done");
        assertEquals(List.of(), audit.entries(), "nobody to record");
    }

    @Test
    void aReaderOnAnAdminRouteIsA403ProblemThatIsRecordedAndTheRouteDoesNotRun() {
        Response answer = call(FakeHttpRequest.post("/api/manage/things")
                .header("Authorization", AdminTokens.bearer(tenant.reader())), Role.ADMIN, this::conflict);

        assertEquals(403, answer.status());
        assertEquals("Bearer error=\"insufficient_scope\"", answer.getHeader("WWW-Authenticate"));
        assertEquals(Problem.CONTENT_TYPE, answer.getHeader("Content-Type"));
        assertTrue(answer.bodyText().contains(Role.ADMIN.claim()), answer.bodyText());
        assertFalse(ran.get());
        assertEquals(List.of(403), audit.entries().stream().map(AuditEntry::status).toList());
    }

    @Test
    void aCallerWithTheRoleGetsTheRoutesAnswerRecordedWithItsStatus() {
        FakeHttpRequest request = FakeHttpRequest.post("/api/manage/things")
                .header("Authorization", AdminTokens.bearer(tenant.admin()));
        HttpResponseMessage[] made = new HttpResponseMessage[1];

        Response answer = call(request, Role.ADMIN, () -> made[0] = conflict());

        assertSame(made[0], answer, "the route's own answer, as it made it");
        AuditEntry entry = audit.entries().get(0);
        assertEquals(List.of("thing.do", "thing/7", "409"),
                List.of(entry.action(), entry.target(), String.valueOf(entry.status())));
    }

    private HttpResponseMessage conflict() {
        ran.set(true);
        return Problem.of(HttpStatus.CONFLICT, "Busy", "try again").toResponse(FakeHttpRequest.get("/"));
    }

    private Response call(FakeHttpRequest request, Role needed, Supplier<HttpResponseMessage> route) {
        return FakeHttpRequest.response(AdminRoute.answer(access, request, needed, "thing.do", "thing/7", route));
    }
}
