package org.teamstelehealth.access;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.util.function.Supplier;

/**
 * What every {@code manage/...} function class answers with: {@link AdminAccess}'s check first, its refusal (401, 403
 * or 503, as problem+json with its headers) as is, else the route's own answer, recorded with the status it carries.
 *
 * <pre>{@code
 * return AdminRoute.answer(access, request, Role.ADMIN, "template.put", "template/" + name, () -> put(request, name));
 * }</pre>
 */
public final class AdminRoute {
    private AdminRoute() {}

    /**
     * @param action what the route does, e.g. {@code appointment.read}
     * @param target what it does it to, e.g. {@code appointment/47}; ids only
     * @param granted the route's answer, asked for only once the caller holds {@code needed}
     */
    public static HttpResponseMessage answer(AdminAccess access, HttpRequestMessage<?> request, Role needed,
            String action, String target, Supplier<HttpResponseMessage> granted) {
        AdminAccess.Attempt admin = access.begin(request.getHeaders(), needed, action, target);
        if (admin.refused()) {
            return admin.refusal().toResponse(request, admin.headers());
        }
        HttpResponseMessage response = granted.get();
        return admin.recorded(response, response.getStatusCode());
    }
}
