package org.teamstelehealth.feed;

import org.teamstelehealth.appointments.Appointment;

/**
 * Port: the words of one appointment's event in the provider's feed. Plain text (the renderer
 * escapes it for iCalendar); the notifications templates can stand behind it.
 */
public interface EventText {

    String summary(Appointment appointment);

    String description(Appointment appointment);

    /** Both, as the feed writes them; an implementation may make them from one model. */
    record Words(String summary, String description) {}

    default Words words(Appointment appointment) {
        return new Words(summary(appointment), description(appointment));
    }

    /**
     * Differs whenever the same appointment would be worded differently (templates in force, settings,
     * link keys); part of the feed's ETag. Reveals no secret.
     */
    String fingerprint();
}
