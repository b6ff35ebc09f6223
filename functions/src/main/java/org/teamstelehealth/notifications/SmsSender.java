package org.teamstelehealth.notifications;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Port: sends one SMS. Implementations are idempotent on {@link Sms#operationId()} within ACS's repeatability window. */
public interface SmsSender {

    /** @return the provider's message id */
    String send(Sms sms) throws DeliveryException;

    /**
     * @param operationId the same on every attempt of one message, so the provider sends it once
     * @param firstAttemptAt when the first attempt under this id was made: sent unchanged on every attempt
     *     (ACS refuses a known id with a new first-sent time)
     * @param tag names the delivery in the provider's delivery report; no patient data
     */
    record Sms(String operationId, String to, String text, Instant firstAttemptAt, String tag) {
        public Sms(String operationId, String to, String text, Instant firstAttemptAt) {
            this(operationId, to, text, firstAttemptAt, null);
        }

        /** Recipient and text: equal for the same message. */
        public String fingerprint() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Fingerprint.field(out, to.getBytes(StandardCharsets.UTF_8));
            Fingerprint.field(out, text.getBytes(StandardCharsets.UTF_8));
            return Fingerprint.of(out.toByteArray());
        }
    }
}
