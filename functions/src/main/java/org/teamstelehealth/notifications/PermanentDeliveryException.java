package org.teamstelehealth.notifications;

/** The message was refused in a way retrying will not fix (rejected number or address, failed send), or cannot be sent at all. */
public final class PermanentDeliveryException extends DeliveryException {
    public PermanentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
