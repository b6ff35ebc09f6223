package org.teamstelehealth.appointments;

import java.time.Instant;

/**
 * Who joined the appointment's Teams meeting, from Graph's attendance reports, once recorded.
 *
 * @param outcome what the admin, the feed and the PMS are told
 * @param reason why the outcome is {@link Outcome#UNKNOWN}, in words an admin can act on ({@code null} otherwise)
 * @param recordedAt when it was recorded
 */
public record Attendance(Outcome outcome, String reason, Instant recordedAt) {

    public enum Outcome { ATTENDED, NO_SHOW, PROVIDER_ABSENT, UNKNOWN }
}
