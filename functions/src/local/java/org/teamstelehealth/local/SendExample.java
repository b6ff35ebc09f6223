package org.teamstelehealth.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.teamstelehealth.intake.SignatureVerifier;
import org.teamstelehealth.platform.Json;

/**
 * Sends a contract example (or any body) to a running local host, signed as a PMS would sign it, and
 * prints the answer. Run through {@code scripts/send-example.sh <file> [url] [webhook-id]}.
 *
 * <p>The secret is the first of {@code WEBHOOK_SECRETS} from the environment, else from
 * local.settings.json, else from local.settings.sample.json. A fresh webhook-id is made unless one
 * is given (give the same one twice to see the duplicate answer).
 *
 * <p>Two environment variables change the example before it is signed, to try time-dependent behaviour such as
 * reminders: {@code APPOINTMENT_ID} replaces the appointment's id, {@code START_IN_MINUTES} its start (that many
 * minutes from now, in the example's own UTC offset, whole minutes).
 */
public final class SendExample {
    static final String DEFAULT_URL = "http://localhost:7071/api/webhooks/appointments";

    private SendExample() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: SendExample <example.json> [url, default " + DEFAULT_URL + "] [webhook-id]");
            System.exit(2);
        }
        Path root = Azurite.projectRoot();
        byte[] body = adjusted(Files.readAllBytes(resolve(root, args[0])), System.getenv(), Instant.now());
        URI url = URI.create(args.length > 1 ? args[1] : DEFAULT_URL);
        String webhookId = args.length > 2 ? args[2] : "msg_" + UUID.randomUUID().toString().replace("-", "");
        long timestamp = Instant.now().getEpochSecond();
        String signature = SignatureVerifier.sign(secret(root), webhookId, timestamp, body);

        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("Could not reach " + url + " (is the local host running?): " + e);
            System.exit(1);
            return;
        }
        System.out.println("POST " + url + "  webhook-id: " + webhookId);
        System.out.println(response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse(""));
        System.out.println(response.body());
        System.exit(response.statusCode() / 100 == 2 ? 0 : 1);
    }

    /** The body with {@code APPOINTMENT_ID} and {@code START_IN_MINUTES} from {@code env} applied, if set. */
    static byte[] adjusted(byte[] body, java.util.Map<String, String> env, Instant now) throws IOException {
        String id = env.get("APPOINTMENT_ID");
        String startIn = env.get("START_IN_MINUTES");
        if ((id == null || id.isBlank()) && (startIn == null || startIn.isBlank())) {
            return body;
        }
        JsonNode json = Json.MAPPER.readTree(body);
        com.fasterxml.jackson.databind.node.ObjectNode appointment =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.get("appointment");
        if (id != null && !id.isBlank()) {
            appointment.put("id", id.trim());
        }
        if (startIn != null && !startIn.isBlank() && appointment.hasNonNull("start")) {
            java.time.ZoneOffset offset = java.time.OffsetDateTime.parse(appointment.get("start").asText()).getOffset();
            appointment.put("start", now.plus(Duration.ofMinutes(Long.parseLong(startIn.trim())))
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).atOffset(offset)
                    .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        return Json.MAPPER.writeValueAsBytes(json);
    }

    /** The path as given, else an example of that name in contract/examples or contract/examples/invalid. */
    static Path resolve(Path root, String name) {
        for (Path candidate : List.of(Path.of(name), root.resolve("contract/examples").resolve(name),
                root.resolve("contract/examples/invalid").resolve(name))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("No such file: " + name);
    }

    static String secret(Path root) throws IOException {
        String fromEnvironment = System.getenv("WEBHOOK_SECRETS");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return first(fromEnvironment);
        }
        for (String file : List.of("local.settings.json", "local.settings.sample.json")) {
            Path settings = root.resolve(file);
            if (Files.isRegularFile(settings)) {
                JsonNode secrets = Json.MAPPER.readTree(settings.toFile()).path("Values").path("WEBHOOK_SECRETS");
                if (secrets.isTextual() && !secrets.asText().isBlank()) {
                    if (file.contains("sample")) {
                        System.err.println("(signing with the secret in " + file + "; no local.settings.json)");
                    }
                    return first(secrets.asText());
                }
            }
        }
        throw new IllegalStateException("No WEBHOOK_SECRETS in the environment or local.settings.json");
    }

    private static String first(String secrets) {
        return Arrays.stream(secrets.trim().split("[,\\s]+")).findFirst().orElseThrow();
    }
}
