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

/**
 * {@code POST manage/secrets/webhook/rotate}: makes a new webhook signing secret and answers it
 * once, for the admin to paste into the PMS (no other route ever answers it); the old one is accepted
 * until the overlap ends. While an overlap is open a second rotation answers 409, unless
 * {@code ?end_overlap=true} asks to drop the previous secret first.
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

    private static boolean endOverlap(HttpRequestMessage<Optional<String>> request) {
        return "true".equalsIgnoreCase(request.getQueryParameters().getOrDefault("end_overlap", "false").trim());
    }

    @FunctionName("rotateWebhookSecret")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "manage/secrets/webhook/rotate") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        return AdminRoute.answer(access, request, Role.ADMIN, "webhook-secret.rotate", "secret/webhook-secret",
                () -> rotate(request, context));
    }

    private HttpResponseMessage rotate(HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
        WebhookSecretRotation.Rotated rotated;
        try {
            rotated = rotation.rotate(clock.instant(), endOverlap(request));
        } catch (OverlapOpenException e) {
            return Problem.of(HttpStatus.CONFLICT, "Overlap still open", "The previous webhook secret is accepted until "
                    + e.previousAcceptedUntil() + ", so the PMS may still sign with it; rotating again now would lock it"
                    + " out. Once the PMS uses the current secret, repeat with ?end_overlap=true to drop the previous one"
                    + " first, or wait until then.").with("previous_accepted_until", e.previousAcceptedUntil())
                    .toResponse(request);
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
