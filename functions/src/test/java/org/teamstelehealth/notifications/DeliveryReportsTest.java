package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.messages.NotificationIntent.Kind;
import org.teamstelehealth.notifications.Delivery.Channel;

class DeliveryReportsTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    private final InMemoryDeliveryLog log = new InMemoryDeliveryLog();
    private final DeliveryReports reports = new DeliveryReports(log, Clock.fixed(NOW, ZoneOffset.UTC));

    private Delivery sent(Channel channel, String operationId) {
        Delivery d = new Delivery("47", "INVITATION-0-" + channel.id(), Kind.INVITATION, 0, channel, DeliveryStatus.SENT,
                operationId, NOW, 1, null, 1, "GSM7", channel == Channel.SMS ? "Outgoing_1" : operationId, null, NOW, null);
        return log.insert(d).orElseThrow();
    }

    private static String sms(String status, String details, String tag) {
        return """
                {"id":"r","eventType":"Microsoft.Communication.SMSDeliveryReportReceived","data":{"messageId":"Outgoing_1",\
                "from":"+61400000000","to":"+61415100919","deliveryStatus":"%s","deliveryStatusDetails":"%s",\
                "receivedTimestamp":"2027-03-01T00:00:05Z","tag":"%s"}}""".formatted(status, details, tag);
    }

    @Test
    void aCarriersFailureIsRecordedWithItsReasonAndNoNumber() {
        sent(Channel.SMS, "op-1");
        reports.handle(sms("Failed", "Recipient +61 415 100 919 unreachable (carrier error 4505)", "47/INVITATION-0-sms"));
        Delivery d = log.find("47", "INVITATION-0-sms").orElseThrow();
        assertEquals(DeliveryStatus.FAILED, d.status());
        assertTrue(d.reason().contains("Failed") && d.reason().contains("unreachable"), d.reason());
        assertFalse(d.reason().replace(" ", "").contains("415100919"), d.reason());
        assertEquals(NOW, d.updatedAt());
    }

    @Test
    void aFailedReportIsToldOnceAndADeliveredOneNotAtAll() {
        java.util.List<String> told = new java.util.ArrayList<>();
        DeliveryReports telling = new DeliveryReports(log, Clock.fixed(NOW, ZoneOffset.UTC),
                (delivery, reason) -> told.add(delivery.key() + ": " + reason));
        sent(Channel.SMS, "op-1");
        sent(Channel.EMAIL, "op-mail");

        telling.handle(sms("Failed", "carrier error 4505", "47/INVITATION-0-sms"));
        telling.handle(sms("Failed", "carrier error 4505", "47/INVITATION-0-sms"));
        telling.handle("""
                {"eventType":"Microsoft.Communication.EmailDeliveryReportReceived","data":{"messageId":"op-mail","status":"Delivered"}}""");

        assertEquals(1, told.size(), told.toString());
        assertTrue(told.get(0).startsWith("INVITATION-0-sms: ") && told.get(0).contains("4505"), told.toString());
    }

    @Test
    void reportsNamingNoDeliveryOfOursAndOtherEventsChangeNothing() {
        Delivery before = sent(Channel.SMS, "op-1");
        reports.handle(sms("Delivered", "", "someone-else/INVITATION-0-sms"));
        reports.handle(sms("Delivered", "", ""));
        reports.handle("{\"eventType\":\"Microsoft.Communication.SMSReceived\",\"data\":{\"message\":\"STOP\"}}");
        reports.handle("not json");
        reports.handle("""
                {"eventType":"Microsoft.Communication.EmailDeliveryReportReceived","data":{"messageId":"op-1","status":"Delivered"}}""");
        assertEquals(before, log.find("47", "INVITATION-0-sms").orElseThrow(), "an email report does not settle an SMS");
    }

    @Test
    void anEmailReportFindsItsDeliveryByOperationIdAndExpandedSaysNothingOfTheMailbox() {
        sent(Channel.EMAIL, "op-mail");
        reports.handle("""
                {"eventType":"Microsoft.Communication.EmailDeliveryReportReceived","data":{"messageId":"op-mail","status":"Expanded"}}""");
        assertEquals(DeliveryStatus.SENT, log.find("47", "INVITATION-0-email").orElseThrow().status());
        reports.handle("""
                {"eventType":"Microsoft.Communication.EmailDeliveryReportReceived","data":{"messageId":"op-mail","status":"Delivered",\
                "recipient":"clintel.test@example.com"}}""");
        Delivery d = log.find("47", "INVITATION-0-email").orElseThrow();
        assertEquals(DeliveryStatus.DELIVERED, d.status());
        assertEquals("delivered (Delivered)", d.reason());
    }
}
