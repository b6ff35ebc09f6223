package org.teamstelehealth.notifications;

import java.time.Instant;
import org.teamstelehealth.messages.NotificationIntent;

/**
 * One message on one channel for one change of one appointment: the record that makes sending
 * happen once. Holds no recipient details beyond a masked hint.
 *
 * @param key {@link NotificationIntent#deliveryKey(String)}, e.g. {@code INVITATION-0-sms}
 * @param operationId the idempotency id sent to ACS on every attempt of this message
 * @param firstAttemptAt when the first attempt was recorded (ACS repeatability wants it unchanged)
 * @param attempts sending attempts so far
 * @param recipientHint the masked number or address, e.g. {@code +614•••••919}
 * @param segments SMS parts the text goes as (0 for email); {@code encoding} GSM7 or UCS2
 * @param providerMessageId ACS's message id (SMS) or operation id (email) once accepted
 * @param reason why it failed, was skipped, or is being retried, in words an admin can act on
 * @param contentHash a fingerprint of the message as first built (recipient and every byte of content, no
 *     content itself): a retry whose rebuilt message differs (a template edited meanwhile) cannot go as a
 *     repeat of the first, which ACS would refuse, and goes as a new request instead
 * @param etag the storage ETag it was read with ({@code null} before it is stored)
 * @param createdAt when the delivery was first recorded, kept when it is {@linkplain #renewed renewed} (unlike
 *     {@code firstAttemptAt}): retries give up a set time after it; {@code firstAttemptAt} when not given (rows
 *     recorded before it was kept)
 */
public record Delivery(
        String appointmentId,
        String key,
        NotificationIntent.Kind kind,
        int sequence,
        Channel channel,
        DeliveryStatus status,
        String operationId,
        Instant firstAttemptAt,
        int attempts,
        String recipientHint,
        int segments,
        String encoding,
        String providerMessageId,
        String reason,
        Instant updatedAt,
        String contentHash,
        String etag,
        Instant createdAt) {

    public Delivery {
        createdAt = createdAt == null ? firstAttemptAt : createdAt;
    }

    /** A delivery first recorded at its first attempt. */
    public Delivery(String appointmentId, String key, NotificationIntent.Kind kind, int sequence, Channel channel,
                    DeliveryStatus status, String operationId, Instant firstAttemptAt, int attempts, String recipientHint,
                    int segments, String encoding, String providerMessageId, String reason, Instant updatedAt,
                    String contentHash, String etag) {
        this(appointmentId, key, kind, sequence, channel, status, operationId, firstAttemptAt, attempts, recipientHint,
                segments, encoding, providerMessageId, reason, updatedAt, contentHash, etag, firstAttemptAt);
    }

    /** A delivery without a content fingerprint (settled before it was built, or recorded by an older version). */
    public Delivery(String appointmentId, String key, NotificationIntent.Kind kind, int sequence, Channel channel,
                    DeliveryStatus status, String operationId, Instant firstAttemptAt, int attempts, String recipientHint,
                    int segments, String encoding, String providerMessageId, String reason, Instant updatedAt, String etag) {
        this(appointmentId, key, kind, sequence, channel, status, operationId, firstAttemptAt, attempts, recipientHint,
                segments, encoding, providerMessageId, reason, updatedAt, null, etag);
    }

    public enum Channel {
        SMS, EMAIL;

        public String id() {
            return name().toLowerCase();
        }
    }

    public Delivery with(DeliveryStatus newStatus, String newReason, Instant now) {
        return new Delivery(appointmentId, key, kind, sequence, channel, newStatus, operationId, firstAttemptAt,
                attempts, recipientHint, segments, encoding, providerMessageId, newReason, now, contentHash, etag, createdAt);
    }

    public Delivery attempted(Instant now) {
        return new Delivery(appointmentId, key, kind, sequence, channel, status, operationId, firstAttemptAt,
                attempts + 1, recipientHint, segments, encoding, providerMessageId, reason, now, contentHash, etag, createdAt);
    }

    public Delivery sent(String messageId, Instant now) {
        return new Delivery(appointmentId, key, kind, sequence, channel, DeliveryStatus.SENT, operationId,
                firstAttemptAt, attempts, recipientHint, segments, encoding, messageId, null, now, contentHash, etag, createdAt);
    }

    /** What ACS's delivery report said: delivered or failed, with its (scrubbed) reason. */
    public Delivery reported(DeliveryReport report, Instant now) {
        return new Delivery(appointmentId, key, kind, sequence, channel,
                report.delivered() ? DeliveryStatus.DELIVERED : DeliveryStatus.FAILED, operationId, firstAttemptAt,
                attempts, recipientHint, segments, encoding,
                providerMessageId != null ? providerMessageId : report.messageId(), report.reason(), now, contentHash, etag, createdAt);
    }

    /**
     * The same message as a new request to ACS: a fresh operation id, first sent {@code now}, for when the
     * first can no longer be repeated (outside ACS's repeatability window, or its content changed).
     */
    public Delivery renewed(String newOperationId, Instant now, String newContentHash) {
        return new Delivery(appointmentId, key, kind, sequence, channel, status, newOperationId, now,
                attempts, recipientHint, segments, encoding, providerMessageId, reason, now, newContentHash, etag, createdAt);
    }

    public Delivery withEtag(String newEtag) {
        return new Delivery(appointmentId, key, kind, sequence, channel, status, operationId, firstAttemptAt,
                attempts, recipientHint, segments, encoding, providerMessageId, reason, updatedAt, contentHash, newEtag, createdAt);
    }
}
