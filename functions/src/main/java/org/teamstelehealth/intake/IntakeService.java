package org.teamstelehealth.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.Problem;
import org.teamstelehealth.platform.Problem.FieldError;

/**
 * Accepts one appointment webhook as the contract says: JSON only (415), at most 256 KiB (413),
 * signed (401) over exactly the bytes received, strict UTF-8 (400), the schema's shape (400); then
 * records its {@code webhook-id} and queues the snapshot.
 *
 * <p>A 2xx is only returned once the message is on the queue. An accepted webhook costs one claim and
 * one put: the receipt insert is the claim on its {@code webhook-id} (a conflict means "seen before")
 * and the queue message is the durable record. The message is written once, before anything is
 * stored. There is no third write marking the receipt queued, so a claim alone cannot tell "put" from
 * "the attempt died before the put". A repeated id therefore settles the claim on the duplicate path,
 * which is rare and may cost more:
 * <ul>
 *   <li>a claim already marked queued: nothing is done, 200;
 *   <li>an unmarked claim: the message is put again, the claim marked queued, 200. Either the first
 *       attempt had put it (now it is on the queue twice, which the queue's at-least-once delivery
 *       makes possible anyway, and the appointments side applies a version not newer than the stored
 *       one as a no-op) or it had died before the put (now it is on the queue: nothing accepted is
 *       lost). Marking the claim keeps this to one extra message per id however often the PMS
 *       retries.
 * </ul>
 * When the put fails the claim is released (best effort), so the PMS's retry is a fresh delivery;
 * if the release fails too, the retry settles the claim as above. Nothing answered with a 4xx touches
 * storage.
 */
public final class IntakeService {
    public static final int MAX_BODY_BYTES = 256 * 1024;
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    private static final String DELETED = "appointment.deleted";

    private final SignatureVerifier verifier;
    private final ContractValidator validator;
    private final ReceiptStore receipts;
    private final AppointmentQueue queue;
    private final Clock clock;

    public IntakeService(SignatureVerifier verifier, ContractValidator validator, ReceiptStore receipts,
            AppointmentQueue queue, Clock clock) {
        this.verifier = verifier;
        this.validator = validator;
        this.receipts = receipts;
        this.queue = queue;
        this.clock = clock;
    }

    /** One delivery as it arrived: the headers intake reads and the body's bytes, exactly as sent. */
    public record SignedWebhook(String contentType, String webhookId, String timestamp, String signature, byte[] body) {}

    /** What became of a delivery. */
    public sealed interface Outcome permits Queued, Duplicate, Rejected {}

    /** Accepted and on the queue. */
    public record Queued(String webhookId) implements Outcome {}

    /** This webhook id was seen before; it is on the queue (put again if its first put was uncertain). */
    public record Duplicate(String webhookId) implements Outcome {}

    /**
     * Not accepted.
     *
     * @param reason for the operator's log; no patient data, and not for the PMS (a 401 must not say
     *     which check failed)
     * @param retryAfter set when the PMS should retry later (storage unavailable)
     */
    public record Rejected(Problem problem, String reason, Optional<Duration> retryAfter) implements Outcome {
        static Rejected of(Problem problem, String reason) {
            return new Rejected(problem, reason, Optional.empty());
        }
    }

    /**
     * A 413 for a {@code Content-Length} over {@link #MAX_BODY_BYTES}, so the caller need not take the
     * body at all; empty when the header is absent or within the limit (an unreadable value is left
     * to the host, which refuses it before any function runs).
     */
    public Optional<Rejected> refuseDeclaredLength(String contentLength) {
        if (contentLength == null || !contentLength.trim().matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        long declared = Long.parseLong(contentLength.trim());
        return declared > MAX_BODY_BYTES ? Optional.of(tooLarge("declared Content-Length of " + declared + " bytes"))
                : Optional.empty();
    }

    public Outcome receive(SignedWebhook delivery) {
        if (!isJson(delivery.contentType())) {
            return Rejected.of(Problem.of(415, "Unsupported media type",
                    "Send the webhook as Content-Type: application/json (UTF-8)."), "content type is not JSON");
        }
        byte[] body = Optional.ofNullable(delivery.body()).orElse(new byte[0]);
        if (body.length > MAX_BODY_BYTES) {
            return tooLarge("body of " + body.length + " bytes");
        }
        try {
            verifier.verify(delivery.webhookId(), delivery.timestamp(), delivery.signature(), body);
        } catch (WebhookSignatureException e) {
            return Rejected.of(Problem.of(401, "Unauthorized",
                    "The webhook signature could not be verified."), e.getMessage());
        } catch (StorageUnavailableException e) {
            return unavailable(e);
        }
        Optional<String> text = StrictUtf8.decode(body);
        if (text.isEmpty()) {
            return invalid(List.of(new FieldError("", "the body is not valid UTF-8 (first bad byte at offset "
                    + StrictUtf8.firstBadByte(body) + ")")));
        }
        ContractValidator.Validation validation = validator.validate(text.get());
        if (!validation.valid()) {
            return invalid(validation.errors());
        }
        String type = validation.body().get("type").asText();
        Snapshot snapshot;
        try {
            snapshot = snapshot(type, validation.body().get("appointment"));
        } catch (JsonProcessingException e) {
            // The schema accepted it but Java cannot hold it, e.g. a leap second in "start".
            return invalid(List.of(new FieldError("/appointment" + pointer(e), "is not a valid value")));
        }
        return enqueue(delivery.webhookId(), type, snapshot);
    }

    private static Rejected tooLarge(String reason) {
        return Rejected.of(Problem.of(413, "Payload too large", "The body must be at most " + MAX_BODY_BYTES + " bytes."),
                reason);
    }

    private Rejected unavailable(StorageUnavailableException e) {
        return new Rejected(Problem.of(503, "Service unavailable",
                "The webhook was not accepted; retry later."), describe(e), Optional.of(RETRY_AFTER));
    }

    private Outcome enqueue(String webhookId, String type, Snapshot snapshot) {
        Instant now = clock.instant();
        Optional<AppointmentQueue.Outgoing> encoded = queue.encode(new AppointmentMessage(webhookId, type, now, 0, snapshot));
        if (encoded.isEmpty()) {
            return Rejected.of(Problem.of(413, "Payload too large",
                    "The appointment is too large to process; shorten its longest text fields."),
                    "snapshot too large for the queue");
        }
        AppointmentQueue.Outgoing message = encoded.get();
        try {
            if (!receipts.recordPending(Receipt.pending(webhookId, type, snapshot.id(), snapshot.version(), now))) {
                return settleClaim(message);
            }
        } catch (StorageUnavailableException e) {
            return unavailable(e);
        }
        try {
            queue.send(message);
            return new Queued(webhookId);
        } catch (StorageUnavailableException e) {
            release(webhookId);
            return unavailable(e);
        }
    }

    /** A repeated webhook id: see the class comment for why an unmarked claim is put again. */
    private Outcome settleClaim(AppointmentQueue.Outgoing message) throws StorageUnavailableException {
        String webhookId = message.message().webhookId();
        Optional<Receipt> claim = receipts.find(webhookId);
        if (claim.isPresent() && claim.get().queued()) {
            return new Duplicate(webhookId);
        }
        queue.send(message);
        try {
            receipts.markQueued(webhookId, clock.instant());
        } catch (StorageUnavailableException e) {
            // The message is on the queue; a later repeat would only put it once more, harmlessly.
        }
        return new Duplicate(webhookId);
    }

    /** Gives the id back after a failed put, so the retry is not mistaken for a repeat. */
    private void release(String webhookId) {
        try {
            receipts.release(webhookId);
        } catch (StorageUnavailableException e) {
            // The claim stays: the retry settles it by putting the message (see settleClaim).
        }
    }

    /**
     * The snapshot to queue. A deletion is only its id and version whatever else it carries: the
     * schema does not check the other fields of {@code appointment.deleted}.
     */
    private static Snapshot snapshot(String type, JsonNode appointment) throws JsonProcessingException {
        if (DELETED.equals(type)) {
            return Snapshot.deleted(appointment.get("id").asText(), appointment.get("version").asLong());
        }
        return Json.MAPPER.treeToValue(appointment, Snapshot.class);
    }

    private static Rejected invalid(List<FieldError> errors) {
        String pointers = String.join(", ", errors.stream().map(FieldError::pointer).toList());
        return Rejected.of(Problem.invalidFields("Invalid appointment webhook", errors), "invalid fields: " + pointers);
    }

    /** The JSON Pointer (below the appointment) of the field Jackson could not read. */
    private static String pointer(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            pointer.append('/').append(reference.getFieldName() != null
                    ? reference.getFieldName().replace("~", "~0").replace("/", "~1")
                    : Integer.toString(reference.getIndex()));
        }
        return pointer.toString();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset") && parameter.length == 2
                    && !parameter[1].trim().replace("\"", "").toLowerCase(Locale.ROOT).equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static String describe(StorageUnavailableException e) {
        Throwable cause = e.getCause();
        return e.getMessage() + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
    }
}
