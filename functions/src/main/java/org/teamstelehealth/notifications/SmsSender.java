package org.teamstelehealth.notifications;

import java.time.Instant;

/** Port: sends one SMS. Implementations are idempotent on {@link Sms#operationId()}. */
public interface SmsSender {

    /** @return the provider's message id */
    String send(Sms sms) throws DeliveryException;

    /**
     * @param operationId the same on every attempt of one message, so the provider sends it once
     * @param firstAttemptAt when the first attempt was made (ACS repeatability wants it unchanged across attempts)
     */
    record Sms(String operationId, String to, String text, Instant firstAttemptAt) {}
}
