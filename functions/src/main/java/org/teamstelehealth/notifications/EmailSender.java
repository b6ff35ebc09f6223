package org.teamstelehealth.notifications;

import java.util.List;

/** Port: sends one email. Implementations are idempotent on {@link Email#operationId()}. */
public interface EmailSender {

    void send(Email email) throws DeliveryException;

    record Email(String operationId, List<String> to, String subject, String html, String plainText,
                 List<Attachment> attachments) {}

    record Attachment(String name, String contentType, byte[] content) {}
}
