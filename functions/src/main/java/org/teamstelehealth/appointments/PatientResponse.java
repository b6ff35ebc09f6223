package org.teamstelehealth.appointments;

import java.time.Instant;

/**
 * What the patient said about the appointment, from the join page or an SMS reply; the PMS decides what follows.
 *
 * @param kind confirmed, or asked to cancel
 * @param at when they said it
 * @param channel where: {@code page} or {@code sms}
 */
public record PatientResponse(Kind kind, Instant at, String channel) {

    public enum Kind { CONFIRMED, CANCELLATION_REQUESTED }
}
