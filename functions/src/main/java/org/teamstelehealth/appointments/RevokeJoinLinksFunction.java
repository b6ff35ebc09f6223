package org.teamstelehealth.appointments;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.time.Clock;
import java.util.Optional;
import org.teamstelehealth.access.AdminAccess;
import org.teamstelehealth.access.AdminRoute;
import org.teamstelehealth.access.Role;

/**
 * Admin route: revoke one appointment's join links (a leaked or forwarded link) without rotating
 * {@code JOIN_LINK_KEY}. Answers with the appointment's status as {@code GET manage/appointments/{id}} shows it, whose
 * participants carry the new links.
 */
public final class RevokeJoinLinksFunction {
    private final AppointmentService service;
    private final AppointmentStatus status;
    private final Clock clock;
    private final AdminAccess access;

    public RevokeJoinLinksFunction(AppointmentService service, AppointmentStatus status, Clock clock,
                                   AdminAccess access) {
        this.service = service;
        this.status = status;
        this.clock = clock;
        this.access = access;
    }

    @FunctionName("revokeJoinLinks")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "manage/appointments/{appointmentId}/join-links/revoke")
            HttpRequestMessage<Optional<String>> request,
            @BindingName("appointmentId") String appointmentId,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.ADMIN, "join-links.revoke", "appointment/" + appointmentId,
                () -> AppointmentStatusFunction.answer(request, service.reissueJoinLinks(appointmentId, clock.instant())
                        .flatMap(revoked -> status.describe(appointmentId))));
    }
}
