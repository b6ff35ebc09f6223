package org.teamstelehealth.notifications;

/** Port: sends one SMS. Implementations are idempotent on {@link Sms#operationId()}. */
public interface SmsSender {

    /** @return the provider's message id */
    String send(Sms sms) throws DeliveryException;

    record Sms(String operationId, String to, String text) {}
}
