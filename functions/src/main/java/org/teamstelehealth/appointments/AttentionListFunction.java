package org.teamstelehealth.appointments;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.time.Clock;
import java.util.Optional;
import org.teamstelehealth.access.AdminAccess;
import org.teamstelehealth.access.AdminRoute;
import org.teamstelehealth.access.Role;
import org.teamstelehealth.platform.JsonResponses;

/** Admin route: the appointments that need attention ({@link AttentionList}). */
public final class AttentionListFunction {
    private final AttentionList list;
    private final Clock clock;
    private final AdminAccess access;

    public AttentionListFunction(AttentionList list, Clock clock, AdminAccess access) {
        this.list = list;
        this.clock = clock;
        this.access = access;
    }

    @FunctionName("appointmentsNeedingAttention")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "manage/appointments") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.READER, "appointments.attention", "appointments",
                () -> page(request));
    }

    private HttpResponseMessage page(HttpRequestMessage<Optional<String>> request) {
        try {
            return JsonResponses.json(request, HttpStatus.OK, list.page(request.getQueryParameters(), clock.instant()))
                    .header("Cache-Control", "no-store").build();
        } catch (AttentionList.InvalidQueryException e) {
            return e.problem().toResponse(request);
        }
    }
}
