package org.teamstelehealth.notifications;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Port: sends one email. Implementations are idempotent on {@link Email#operationId()}. */
public interface EmailSender {

    /** Sends exactly this email: a retry must be the same bytes, or ACS refuses it as a mismatched repeat. */
    void send(Email email) throws DeliveryException;

    /**
     * Whether the provider already has the message an earlier attempt under {@code operationId} sent
     * (accepted, running or sent): then it must not be sent again, whatever the time since.
     *
     * @throws DeliveryException permanent when the provider reports that message failed, transient when it cannot answer
     */
    boolean has(String operationId) throws DeliveryException;

    /**
     * @param operationId the same on every attempt of one message, so the provider sends it once
     * @param firstAttemptAt when the first attempt was made ({@code null}: now)
     */
    record Email(String operationId, List<String> to, String subject, String html, String plainText,
                 List<Attachment> attachments, Instant firstAttemptAt) {
        public Email(String operationId, List<String> to, String subject, String html, String plainText,
                     List<Attachment> attachments) {
            this(operationId, to, subject, html, plainText, attachments, null);
        }

        /** Recipients and every byte of content (not the operation id or time): equal for the same message. */
        public String fingerprint() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<String> parts = new java.util.ArrayList<>(to);
            parts.add(subject);
            parts.add(html);
            parts.add(plainText);
            for (String part : parts) {
                Fingerprint.field(out, part == null ? null : part.getBytes(StandardCharsets.UTF_8));
            }
            for (Attachment attachment : attachments) {
                Fingerprint.field(out, attachment.name().getBytes(StandardCharsets.UTF_8));
                Fingerprint.field(out, attachment.contentType().getBytes(StandardCharsets.UTF_8));
                Fingerprint.field(out, attachment.content());
            }
            return Fingerprint.of(out.toByteArray());
        }
    }

    record Attachment(String name, String contentType, byte[] content) {}
}
