package org.teamstelehealth.appointments;

import java.time.Duration;
import java.time.Instant;

/**
 * Who joined the appointment's Teams meeting, from Graph's attendance reports, once recorded. Holds no name, email
 * or other patient datum: who joined, when, and for how long.
 *
 * @param outcome what the admin, the feed and the PMS are told
 * @param reason why the outcome is {@link Outcome#UNKNOWN}, in words an admin can act on ({@code null} otherwise)
 * @param recordedAt when it was recorded
 * @param providerJoined whether the provider joined; {@code null} when no report could be read
 * @param patientJoined whether the patient joined; {@code null} when no report could be read, or when several guests
 *     joined and none could be told to be the patient
 * @param provider the provider's time in the meeting, or {@code null} when they did not join (or it is not known)
 * @param patient the patient's time in the meeting, or {@code null} when they did not join (or it is not known)
 * @param patientWaitMinutes how long the patient was in before the provider first joined ({@code 0} when the
 *     provider came first); {@code null} unless both joined
 * @param guests attendees from outside the clinic's tenant that were not taken for the patient (several joined and
 *     none could be told apart), or {@code null} when none
 */
public record Attendance(Outcome outcome, String reason, Instant recordedAt, Boolean providerJoined,
        Boolean patientJoined, Presence provider, Presence patient, Integer patientWaitMinutes, Integer guests) {

    public enum Outcome {
        ATTENDED, NO_SHOW, PROVIDER_ABSENT, UNKNOWN;

        /** As the admin status and the summary name it: {@code attended}, {@code no_show}, ... (PMS events: {@link #name()}) */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One participant's time in the meeting, over all their join/leave intervals (someone who rejoined has several).
     *
     * @param minutes their total attendance, rounded to the nearest minute
     */
    public record Presence(Instant firstJoin, Instant lastLeave, int minutes) {}

    /** An outcome with a reason only (what was recorded before the figures were kept, or an {@code unknown}). */
    public Attendance(Outcome outcome, String reason, Instant recordedAt) {
        this(outcome, reason, recordedAt, null, null, null, null, null, null);
    }

    /** {@code unknown}: no report could be read, for {@code reason}; never a no-show. */
    public static Attendance unknown(String reason, Instant at) {
        return new Attendance(Outcome.UNKNOWN, reason, at);
    }

    /** Minutes of a duration, rounded to the nearest (a 29 s visit is 0 min, 30 s is 1). */
    public static int minutes(Duration duration) {
        return (int) ((duration.toSeconds() + 30) / 60);
    }

    /** The words the provider's feed shows for it: "attended 18 min", "no-show", ... */
    public String text() {
        return switch (outcome) {
            case ATTENDED -> patient != null ? "attended " + patient.minutes() + " min" : "attended";
            case NO_SHOW -> "no-show";
            case PROVIDER_ABSENT -> "provider did not join";
            case UNKNOWN -> "attendance unknown";
        };
    }
}
