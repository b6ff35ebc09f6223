package org.teamstelehealth.notifications;

/**
 * A message could not be sent: a {@link TransientDeliveryException} is retried, a
 * {@link PermanentDeliveryException} is recorded on the appointment and not retried.
 * Messages never quote the recipient, so they are safe to log and to show an admin.
 */
public abstract sealed class DeliveryException extends Exception
        permits TransientDeliveryException, PermanentDeliveryException {
    protected DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
