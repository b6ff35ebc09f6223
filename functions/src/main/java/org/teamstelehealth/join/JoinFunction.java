package org.teamstelehealth.join;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Map;
import java.util.Optional;

/**
 * The link patients and providers click: straight to the Teams meeting inside the join window, a
 * plain page explaining why not otherwise. The URL carries the token, so every answer tells the
 * browser not to keep it or pass it on as a referrer (Teams would otherwise receive it).
 */
public final class JoinFunction {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private final JoinService service;
    private final JoinPages pages;

    public JoinFunction(JoinService service, JoinPages pages) {
        this.service = service;
        this.pages = pages;
    }

    @FunctionName("join")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "patients/{patientId}/appointments/{appointmentId}/join_telehealth_session")
            HttpRequestMessage<Optional<String>> request,
            @BindingName("patientId") String patientId,
            @BindingName("appointmentId") String appointmentId,
            final ExecutionContext context) {
        Map<String, String> query = request.getQueryParameters();
        JoinOutcome outcome = service.join(new JoinRequest(patientId, appointmentId,
                query.get("vendor"), query.get("participant"), query.get("token")));
        if (outcome instanceof JoinOutcome.GoToMeeting go) {
            return privateResponse(request, HttpStatus.FOUND)
                    .header("Location", go.joinWebUrl().toString())
                    .build();
        }
        JoinPages.RenderedPage page = pages.render(outcome);
        return privateResponse(request, HttpStatus.valueOf(page.status()))
                .header("Content-Type", "text/html; charset=utf-8")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .body(page.text())
                .build();
    }

    private static HttpResponseMessage.Builder privateResponse(HttpRequestMessage<?> request, HttpStatus status) {
        return request.createResponseBuilder(status)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex, nofollow");
    }
}
