package org.teamstelehealth.health;

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
import org.teamstelehealth.platform.JsonResponses;

/**
 * {@code GET /api/health}: 200 when table and queue storage answer, else 503 naming the one that
 * did not, for load balancers and uptime monitors. Anonymous, and it reveals nothing but ok/unreachable.
 */
public final class HealthFunction {
    private final StorageHealth storage;

    public HealthFunction(StorageHealth storage) {
        this.storage = storage;
    }

    @FunctionName("health")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "health") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        StorageHealth.Status status = storage.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.ok() ? "ok" : "unavailable");
        body.put("storage", Map.of("tables", state(status.tables()), "queues", state(status.queues())));
        if (!status.ok()) {
            context.getLogger().warning("Health check failed: " + body.get("storage"));
        }
        return JsonResponses.json(request, status.ok() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, body)
                .header("Cache-Control", "no-store")
                .build();
    }

    private static String state(boolean reachable) {
        return reachable ? "ok" : "unreachable";
    }
}
