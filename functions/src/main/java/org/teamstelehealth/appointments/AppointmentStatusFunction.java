package org.teamstelehealth.appointments;

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
import org.teamstelehealth.access.AdminAccess;
import org.teamstelehealth.access.AdminRoute;
import org.teamstelehealth.access.Role;
import org.teamstelehealth.platform.JsonResponses;
import org.teamstelehealth.platform.Problem;

/** Admin route: an appointment's telehealth status, participants and join links. */
public final class AppointmentStatusFunction {
    private final AppointmentStatus status;
    private final AdminAccess access;

    public AppointmentStatusFunction(AppointmentStatus status, AdminAccess access) {
        this.status = status;
        this.access = access;
    }

    @FunctionName("appointmentStatus")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "manage/appointments/{appointmentId}") HttpRequestMessage<Optional<String>> request,
            @BindingName("appointmentId") String appointmentId,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.READER, "appointment.read", "appointment/" + appointmentId,
                () -> answer(request, status.describe(appointmentId)));
    }

    /** The status document, never cached, or the 404 for an appointment never received. */
    static HttpResponseMessage answer(HttpRequestMessage<?> request, Optional<Map<String, Object>> document) {
        return document
                .map(body -> JsonResponses.json(request, HttpStatus.OK, body)
                        .header("Cache-Control", "no-store")
                        .build())
                .orElseGet(() -> Problem.of(HttpStatus.NOT_FOUND, "Appointment not found",
                        "No appointment with this id has been received").toResponse(request));
    }
}
