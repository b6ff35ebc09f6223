package org.teamstelehealth.secrets;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.access.AdminAccess;
import org.teamstelehealth.access.AdminRoute;
import org.teamstelehealth.access.Role;
import org.teamstelehealth.platform.JsonResponses;
import org.teamstelehealth.platform.Problem;

/** {@code POST manage/secrets/graph-client/rotate}: rotates the Graph client secret, or resumes the rotation in progress. */
public final class RotateGraphClientSecretFunction {
    private final RotationService rotation;
    private final AdminAccess access;
    private final String secretName;
    private final Clock clock;

    /** @param secretName the vault secret rotated, as the audit log names it */
    public RotateGraphClientSecretFunction(RotationService rotation, AdminAccess access, String secretName, Clock clock) {
        this.rotation = rotation;
        this.access = access;
        this.secretName = secretName;
        this.clock = clock;
    }

    @FunctionName("rotateGraphClientSecret")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "manage/secrets/graph-client/rotate") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.ADMIN, "graph-client-secret.rotate", "secret/" + secretName,
                () -> rotate(request, context));
    }

    private HttpResponseMessage rotate(HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
        try {
            Rotation done = rotation.rotate(clock.instant());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("rotation_id", done.id());
            body.put("state", done.state().name().toLowerCase());
            body.put("new_key_id", done.newKeyId());
            body.put("expires_on", done.endDateTime());
            body.put("old_key_id", done.oldKeyId());
            body.put("old_password_removed_after", done.removeAfter());
            if (done.oldKeyId() == null) {
                body.put("note", "The old password could not be identified; remove it in the Entra admin center.");
            }
            return JsonResponses.json(request, HttpStatus.OK, body).build();
        } catch (NoClientSecretException e) {
            return Problem.of(HttpStatus.CONFLICT, "No client secret", e.getMessage()).toResponse(request);
        } catch (RotationInProgressException e) {
            long seconds = Math.max(1, java.time.Duration.between(clock.instant(), e.leaseUntil()).toSeconds());
            return Problem.of(HttpStatus.CONFLICT, "Rotation in progress", e.getMessage()
                    + ". Repeat the request after it.").toResponse(request, Map.of("Retry-After", Long.toString(seconds)));
        } catch (RotationException e) {
            context.getLogger().warning(e.getMessage());
            return Problem.of(HttpStatus.BAD_GATEWAY, "Rotation not finished", e.getMessage()
                    + ". Repeat the request to resume rotation " + e.rotationId() + ".").toResponse(request);
        }
    }
}
