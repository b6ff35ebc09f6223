package org.teamstelehealth.local.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * One SMS or email the ACS stand-in accepted, read back from WireMock's request journal: refused
 * requests are not in it, and an accepted repeat (same repeatability id) shows once, as ACS sends once.
 *
 * @param invite the {@code invite.ics} attachment's bytes, or {@code null}
 */
public record OutboxMessage(Instant at, Kind kind, String from, List<String> to, String subject, String text,
                            String html, byte[] invite) {

    public enum Kind { SMS, EMAIL }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<OutboxMessage> from(List<ServeEvent> events) {
        List<OutboxMessage> messages = new ArrayList<>();
        java.util.Set<String> repeatable = new java.util.HashSet<>();
        List<ServeEvent> oldestFirst = new ArrayList<>(events);
        oldestFirst.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        for (ServeEvent event : oldestFirst) {
            if (!"POST".equals(event.getRequest().getMethod().getName()) || event.getResponse().getStatus() >= 300
                    || !firstOf(event, repeatable)) {
                continue;
            }
            String path = event.getRequest().getUrl().replaceAll("\\?.*", "");
            try {
                JsonNode body = MAPPER.readTree(event.getRequest().getBodyAsString());
                Instant at = event.getRequest().getLoggedDate().toInstant();
                if (path.equals("/sms")) {
                    List<String> to = new ArrayList<>();
                    body.path("smsRecipients").forEach(r -> to.add(r.path("to").asText()));
                    messages.add(new OutboxMessage(at, Kind.SMS, body.path("from").asText(), to, null,
                            body.path("message").asText(), null, null));
                } else if (path.equals("/emails:send")) {
                    List<String> to = new ArrayList<>();
                    body.path("recipients").path("to").forEach(r -> to.add(r.path("address").asText()));
                    byte[] invite = null;
                    for (JsonNode attachment : body.path("attachments")) {
                        if (attachment.path("contentType").asText().startsWith("text/calendar")) {
                            invite = Base64.getDecoder().decode(attachment.path("contentInBase64").asText());
                        }
                    }
                    JsonNode content = body.path("content");
                    messages.add(new OutboxMessage(at, Kind.EMAIL, body.path("senderAddress").asText(), to,
                            content.path("subject").asText(), content.path("plainText").asText(null),
                            content.path("html").asText(null), invite));
                }
            } catch (IOException | RuntimeException e) {
                // Not a body we sent; the outbox shows only what it can read.
            }
        }
        messages.sort(Comparator.comparing(OutboxMessage::at).reversed());
        return messages;
    }

    /** False for an accepted repeat of a request already in the outbox. */
    private static boolean firstOf(ServeEvent event, java.util.Set<String> seen) {
        String id = event.getRequest().getHeader("Repeatability-Request-Id");
        if (id == null) {
            try {
                id = MAPPER.readTree(event.getRequest().getBodyAsString()).at("/smsRecipients/0/repeatabilityRequestId").asText(null);
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }
        return id == null || seen.add(id);
    }
}
