package org.teamstelehealth.replies;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One SMS a patient sent to the clinic's ACS number, from ACS's {@value #EVENT_TYPE} Event Grid event (Event Grid
 * schema; data {@code messageId, from, to, message, receivedTimestamp, segmentCount}: AcsSmsReceivedEventData).
 *
 * @param eventId the Event Grid event's {@code id}: the same on every redelivery of this event
 * @param receivedAt ACS's {@code receivedTimestamp}, else the event's {@code eventTime}, else {@code null}
 */
public record InboundSms(String eventId, String from, String to, String message, Instant receivedAt) {
    public static final String EVENT_TYPE = "Microsoft.Communication.SMSReceived";

    /** The SMS in {@code event}, empty when it is another event or lacks its id, sender or text. */
    public static Optional<InboundSms> from(JsonNode event) {
        if (!EVENT_TYPE.equals(event.path("eventType").asText())) {
            return Optional.empty();
        }
        JsonNode data = event.path("data");
        String id = text(event, "id");
        String from = text(data, "from");
        String message = text(data, "message");
        if (id == null || from == null || message == null) {
            return Optional.empty();
        }
        Instant at = instant(text(data, "receivedTimestamp")).or(() -> instant(text(event, "eventTime"))).orElse(null);
        return Optional.of(new InboundSms(id, from, text(data, "to"), message, at));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
