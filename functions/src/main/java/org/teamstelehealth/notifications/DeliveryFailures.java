package org.teamstelehealth.notifications;

/**
 * Port: hears of each message that finally could not be delivered (refused for good, given up after its tries, or
 * never buildable), before that is written to the delivery log, so a worker that dies in between hears it again on
 * the redelivery; implementations record it once however often they hear it.
 */
@FunctionalInterface
public interface DeliveryFailures {
    /** Nobody to tell. */
    DeliveryFailures NONE = (delivery, reason) -> { };

    void failed(Delivery delivery, String reason);
}
