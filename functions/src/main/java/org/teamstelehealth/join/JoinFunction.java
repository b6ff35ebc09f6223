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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.appointments.PatientResponse;
import org.teamstelehealth.platform.Headers;

/**
 * The link patients and providers click: straight to the Teams meeting inside the join window, a
 * plain page explaining why not otherwise. The URL carries the token, so every answer tells the
 * browser not to keep it or pass it on as a referrer (Teams would otherwise receive it).
 *
 * <p>A POST to the same link (the page's plain HTML forms, {@code answer=confirm} or {@code answer=cannot-attend})
 * is the patient's answer; the token stays in the query string, as for the GET, and is what authorises it.
 */
public final class JoinFunction {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

    private final JoinService service;
    private final JoinPages pages;
    private final FormOrigins origins;

    public JoinFunction(JoinService service, JoinPages pages, FormOrigins origins) {
        this.service = service;
        this.pages = pages;
        this.origins = origins;
    }

    @FunctionName("join")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "patients/{patientId}/appointments/{appointmentId}/join_telehealth_session")
            HttpRequestMessage<Optional<String>> request,
            @BindingName("patientId") String patientId,
            @BindingName("appointmentId") String appointmentId,
            final ExecutionContext context) {
        Map<String, String> query = request.getQueryParameters();
        JoinRequest join = new JoinRequest(patientId, appointmentId,
                query.get("vendor"), query.get("participant"), query.get("token"));
        JoinOutcome outcome;
        if (request.getHttpMethod() == HttpMethod.POST) {
            if (!origins.allows(Headers.first(request.getHeaders(), "Origin"),
                    Headers.first(request.getHeaders(), "Sec-Fetch-Site"))) {
                return plain(request, HttpStatus.FORBIDDEN, "Answers are only taken from the appointment's own page.");
            }
            Optional<PatientResponse.Kind> answer = answer(request.getBody().orElse(""));
            if (answer.isEmpty()) {
                return plain(request, HttpStatus.BAD_REQUEST, "answer must be confirm or cannot-attend.");
            }
            outcome = service.respond(join, answer.get());
        } else {
            outcome = service.join(join);
        }
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

    /** The form's one field, {@code application/x-www-form-urlencoded}. */
    static Optional<PatientResponse.Kind> answer(String body) {
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (name.equals("answer")) {
                return switch (value) {
                    case "confirm" -> Optional.of(PatientResponse.Kind.CONFIRMED);
                    case "cannot-attend" -> Optional.of(PatientResponse.Kind.CANCELLATION_REQUESTED);
                    default -> Optional.empty();
                };
            }
        }
        return Optional.empty();
    }

    private static HttpResponseMessage plain(HttpRequestMessage<?> request, HttpStatus status, String text) {
        return privateResponse(request, status).header("Content-Type", "text/plain; charset=utf-8").body(text).build();
    }

    private static HttpResponseMessage.Builder privateResponse(HttpRequestMessage<?> request, HttpStatus status) {
        return request.createResponseBuilder(status)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex, nofollow");
    }
}
