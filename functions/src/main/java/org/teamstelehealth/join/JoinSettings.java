package org.teamstelehealth.join;

import java.time.Duration;
import java.util.Base64;
import org.teamstelehealth.appointments.PatientJoin;
import org.teamstelehealth.platform.SettingsSource;

/**
 * @param linkKey the HMAC key join-link tokens are made with (at least 32 bytes); changing it
 *     invalidates every link already sent
 * @param opensBefore how long before the start a join link starts sending people to Teams
 * @param closesAfter how long after the end it still does
 * @param validAfterEnd how long after the appointment's (current) end a link still opens any page; after that it
 *     gets the same 404 as a wrong link ({@code JOIN_LINK_VALID_DAYS_AFTER_END})
 * @param patientJoin which link a patient's join link leads to ({@code PATIENT_JOIN}, read with the meeting settings)
 */
public record JoinSettings(byte[] linkKey, Duration opensBefore, Duration closesAfter, Duration validAfterEnd,
        PatientJoin patientJoin) {

    /** Patients join by the Teams link. */
    public JoinSettings(byte[] linkKey, Duration opensBefore, Duration closesAfter, Duration validAfterEnd) {
        this(linkKey, opensBefore, closesAfter, validAfterEnd, PatientJoin.TEAMS);
    }

    public static JoinSettings from(SettingsSource source, PatientJoin patientJoin) {
        String encoded = source.required("JOIN_LINK_KEY");
        byte[] key = new byte[0];
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            source.problem("JOIN_LINK_KEY must be base64");
        }
        if (!encoded.isEmpty() && key.length < 32) {
            source.problem("JOIN_LINK_KEY must decode to at least 32 bytes (openssl rand -base64 32)");
        }
        // At least a day, so a link always outlives the join window (which closes at most a day after the end).
        return new JoinSettings(key,
                source.minutes("JOIN_WINDOW_OPENS_MINUTES_BEFORE", 30, 0, 1440),
                source.minutes("JOIN_WINDOW_CLOSES_MINUTES_AFTER", 30, 0, 1440),
                Duration.ofDays(source.integer("JOIN_LINK_VALID_DAYS_AFTER_END", 7, 1, 366)), patientJoin);
    }
}
