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
import org.teamstelehealth.access.Role;
import org.teamstelehealth.platform.JsonResponses;
import org.teamstelehealth.platform.Problem;

/**
 * {@code POST manage/secrets/webhook/rotate}: makes a new webhook signing secret and answers it
 * once, for the admin to paste into the PMS; the old one is accepted until the overlap ends.
 */
public final class RotateWebhookSecretFunction {
    private final WebhookSecretRotation rotation;
    private final AdminAccess access;
    private final Clock clock;

    public RotateWebhookSecretFunction(WebhookSecretRotation rotation, AdminAccess access, Clock clock) {
        this.rotation = rotation;
        this.access = access;
        this.clock = clock;
    }

    @FunctionName("rotateWebhookSecret")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "manage/secrets/webhook/rotate") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        AdminAccess.Attempt admin = access.begin(request.getHeaders(), Role.ADMIN, "webhook-secret.rotate", "secret/webhook-secret");
        if (admin.refused()) {
            return admin.refusal().toResponse(request, admin.headers());
        }
        HttpResponseMessage response = rotate(request, context);
        return admin.recorded(response, response.getStatusCode());
    }

    private HttpResponseMessage rotate(HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
        WebhookSecretRotation.Rotated rotated;
        try {
            rotated = rotation.rotate(clock.instant());
        } catch (SecretStoreException e) {
            context.getLogger().warning("Webhook secret rotation failed: " + e.getMessage());
            return Problem.of(HttpStatus.BAD_GATEWAY, "Webhook secret not rotated", e.getMessage()
                    + ". The current secret is unchanged or still accepted; repeat the request.").toResponse(request);
        }
        context.getLogger().info("Webhook secret rotated; previous accepted until " + rotated.previousAcceptedUntil());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("secret", rotated.newSecret());
        body.put("previous_accepted_until", rotated.previousAcceptedUntil());
        return JsonResponses.json(request, HttpStatus.OK, body)
                .header("Cache-Control", "no-store")
                .build();
    }
}
