package org.teamstelehealth.notifications;

import java.time.Clock;
import java.util.Map;
import org.teamstelehealth.appointments.AppointmentUpdates;

/**
 * Tells the PMS of a message that finally could not be delivered ({@code notification.failed} {channel, kind,
 * reason}) and shows it on the appointment ({@code deliveryFailure}), in one row write. The row's
 * {@code deliveryFailure} names the delivery (channel, kind, change) as well as the reason, so the same failure heard
 * again (a redelivery after a crash) finds it already recorded and records nothing more.
 */
public final class PmsDeliveryFailures implements DeliveryFailures {
    public static final String EVENT = "notification.failed";

    private final AppointmentUpdates updates;
    private final Clock clock;

    public PmsDeliveryFailures(AppointmentUpdates updates, Clock clock) {
        this.updates = updates;
        this.clock = clock;
    }

    @Override
    public void failed(Delivery delivery, String reason) {
        String shown = delivery.channel().name() + " " + delivery.kind().name().toLowerCase() + " (change "
                + delivery.sequence() + ") could not be delivered: " + reason;
        updates.update(delivery.appointmentId(), a -> shown.equals(a.deliveryFailure()) ? a
                : a.withDeliveryFailure(shown).withEvent(EVENT, Map.of("channel", delivery.channel().id(),
                        "kind", delivery.kind().name(), "reason", reason), clock.instant()));
    }
}
