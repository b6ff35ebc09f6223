package org.teamstelehealth.intake;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.platform.Headers;
import org.teamstelehealth.platform.JsonResponses;

/**
 * The PMS's appointment webhook, {@code POST /api/webhooks/appointments}. Anonymous at the Functions
 * level: the Standard Webhooks signature is the authentication.
 *
 * <p>The body is bound as bytes ({@code dataType = "binary"}) so the signature is checked over exactly
 * what the PMS signed; as a {@code String} the worker would already have decoded it, turning bytes
 * that are not UTF-8 into replacement characters. A {@code Content-Length} over the limit is refused
 * before the body is touched. On Azure the Functions host has buffered the body by then (up to
 * {@code FUNCTIONS_REQUEST_BODY_SIZE_LIMIT}, which infra/app/api.bicep sets); this check only spares
 * the worker decoding and parsing it.
 */
public final class IntakeFunction {
    private final IntakeService intake;

    public IntakeFunction(IntakeService intake) {
        this.intake = intake;
    }

    @FunctionName("intake")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "webhooks/appointments", dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            final ExecutionContext context) {
        Map<String, String> headers = request.getHeaders();
        Optional<IntakeService.Rejected> tooLong = intake.refuseDeclaredLength(header(headers, "content-length"));
        IntakeService.Outcome outcome = tooLong.isPresent() ? tooLong.get() : intake.receive(new IntakeService.SignedWebhook(
                header(headers, "content-type"), header(headers, "webhook-id"), header(headers, "webhook-timestamp"),
                header(headers, "webhook-signature"), request.getBody().orElse(new byte[0])));
        if (outcome instanceof IntakeService.Queued queued) {
            return json(request, HttpStatus.ACCEPTED, queued.webhookId(), false);
        }
        if (outcome instanceof IntakeService.Duplicate duplicate) {
            context.getLogger().info("Webhook " + duplicate.webhookId() + " was already queued");
            return json(request, HttpStatus.OK, duplicate.webhookId(), true);
        }
        IntakeService.Rejected rejected = (IntakeService.Rejected) outcome;
        context.getLogger().warning("Webhook rejected with " + rejected.problem().status() + ": " + rejected.reason());
        return rejected.problem().toResponse(request, rejected.retryAfter()
                .map(delay -> Map.of("Retry-After", Long.toString(delay.toSeconds())))
                .orElse(Map.of()));
    }

    private static HttpResponseMessage json(HttpRequestMessage<?> request, HttpStatus status, String id, boolean duplicate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", "queued");
        if (duplicate) {
            body.put("duplicate", true);
        }
        return JsonResponses.json(request, status, body).build();
    }

    private static String header(Map<String, String> headers, String name) {
        return Headers.first(headers, name).orElse(null);
    }
}
