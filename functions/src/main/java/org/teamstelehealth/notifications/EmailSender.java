package org.teamstelehealth.notifications;

import java.time.Instant;
import java.util.List;

/** Port: sends one email. Implementations are idempotent on {@link Email#operationId()}. */
public interface EmailSender {

    void send(Email email) throws DeliveryException;

    /**
     * @param operationId the same on every attempt of one message, so the provider sends it once
     * @param firstAttemptAt when the first attempt was made ({@code null}: now)
     * @param retry an earlier attempt may have reached the provider: check before sending again
     */
    record Email(String operationId, List<String> to, String subject, String html, String plainText,
                 List<Attachment> attachments, Instant firstAttemptAt, boolean retry) {
        public Email(String operationId, List<String> to, String subject, String html, String plainText,
                     List<Attachment> attachments) {
            this(operationId, to, subject, html, plainText, attachments, null, false);
        }
    }

    record Attachment(String name, String contentType, byte[] content) {}
}
