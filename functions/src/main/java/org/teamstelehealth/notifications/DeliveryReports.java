package org.teamstelehealth.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.logging.Logger;
import org.teamstelehealth.platform.Json;

/**
 * Records what ACS reports after it accepted a message, from its Event Grid events (Event Grid
 * schema; ACS as an Event Grid source, learn.microsoft.com/azure/event-grid/communication-services-*-events):
 * <ul>
 *   <li>{@value #SMS_EVENT}: data {@code messageId, from, to, deliveryStatus, deliveryStatusDetails,
 *       deliveryAttempts, receivedTimestamp, tag}; the {@code tag} we sent names the delivery;</li>
 *   <li>{@value #EMAIL_EVENT}: data {@code sender, recipient, messageId} (the operation id we sent it
 *       under), {@code status} (Delivered, Failed, Expanded, Quarantined, FilteredSpam, Suppressed,
 *       Bounced: "any value other than Delivered is considered failed", except Expanded, a distribution
 *       list expanded, which says nothing of the patient's mailbox), {@code deliveryStatusDetails.statusMessage}.</li>
 * </ul>
 * The delivery becomes {@code delivered} or {@code failed} with ACS's reason, scrubbed of numbers and
 * addresses; a newly failed one is told to {@link DeliveryFailures} first (the PMS hears of it). Other events, and reports naming no delivery of ours, are ignored (logged without their data).
 */
public final class DeliveryReports {
    public static final String SMS_EVENT = "Microsoft.Communication.SMSDeliveryReportReceived";
    public static final String EMAIL_EVENT = "Microsoft.Communication.EmailDeliveryReportReceived";
    private static final Logger LOG = Logger.getLogger(DeliveryReports.class.getName());

    private final DeliveryLog log;
    private final Clock clock;
    private final DeliveryFailures failures;

    public DeliveryReports(DeliveryLog log, Clock clock) {
        this(log, clock, DeliveryFailures.NONE);
    }

    /** @param failures told when a report says a message did not reach the patient (the PMS hears of it) */
    public DeliveryReports(DeliveryLog log, Clock clock, DeliveryFailures failures) {
        this.log = log;
        this.clock = clock;
        this.failures = failures;
    }

    /** @param event one Event Grid event (Event Grid schema), as the trigger hands it over */
    public void handle(String event) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(event == null ? "null" : event);
        } catch (java.io.IOException e) {
            LOG.warning("An Event Grid event that is not JSON was ignored");
            return;
        }
        Optional<DeliveryReport> report = parse(json);
        if (report.isEmpty()) {
            LOG.info(() -> "Event " + json.path("eventType").asText("(no type)") + " is not a delivery report we keep");
            return;
        }
        Optional<Delivery> delivery = find(report.get());
        if (delivery.isEmpty()) {
            LOG.info(() -> "Delivery report " + json.path("id").asText() + " names no delivery of ours");
            return;
        }
        Delivery reported = delivery.get().reported(report.get(), clock.instant());
        if (reported.status() == DeliveryStatus.FAILED && delivery.get().status() != DeliveryStatus.FAILED) {
            failures.failed(delivery.get(), reported.reason());
        }
        log.update(reported);
    }

    private Optional<Delivery> find(DeliveryReport report) {
        if (report.channel() == Delivery.Channel.SMS) {
            return report.delivery().flatMap(parts -> log.find(parts[0], parts[1]))
                    .filter(d -> d.channel() == Delivery.Channel.SMS);
        }
        return report.messageId() == null ? Optional.empty() : log.findByOperationId(report.messageId())
                .filter(d -> d.channel() == Delivery.Channel.EMAIL);
    }

    static Optional<DeliveryReport> parse(JsonNode event) {
        String type = event.path("eventType").asText();
        JsonNode data = event.path("data");
        if (SMS_EVENT.equals(type)) {
            String status = text(data, "deliveryStatus");
            return Optional.of(new DeliveryReport(Delivery.Channel.SMS, text(data, "tag"), text(data, "messageId"),
                    "Delivered".equalsIgnoreCase(status), status, text(data, "deliveryStatusDetails"),
                    instant(text(data, "receivedTimestamp"))));
        }
        if (EMAIL_EVENT.equals(type)) {
            String status = text(data, "status");
            if ("Expanded".equalsIgnoreCase(status)) {
                return Optional.empty();
            }
            return Optional.of(new DeliveryReport(Delivery.Channel.EMAIL, null, text(data, "messageId"),
                    "Delivered".equalsIgnoreCase(status), status, text(data.path("deliveryStatusDetails"), "statusMessage"),
                    instant(text(data, "deliveryAttemptTimestamp"))));
        }
        return Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
