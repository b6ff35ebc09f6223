package org.teamstelehealth.feed;

import java.time.Duration;
import org.teamstelehealth.platform.SettingsSource;

/**
 * @param linkExpiry how long a newly issued feed link works unless the admin asks for less
 *     ({@code FEED_LINK_EXPIRY_DAYS}, 1826 days: almost five years, like the product we replace)
 * @param windowBack how far into the past a feed reaches ({@code FEED_WINDOW_DAYS_BACK})
 * @param windowAhead how far into the future it reaches ({@code FEED_WINDOW_DAYS_AHEAD})
 * @param patientName how much of the patient's name events show ({@code FEED_PATIENT_NAME}:
 *     {@code full}, {@code given_family_initial} (the default), {@code initials}, {@code none})
 */
public record FeedSettings(Duration linkExpiry, Duration windowBack, Duration windowAhead, FeedPatientName patientName) {

    public static FeedSettings from(SettingsSource source) {
        return new FeedSettings(
                Duration.ofDays(source.integer("FEED_LINK_EXPIRY_DAYS", 1826, 1, 3660)),
                Duration.ofDays(source.integer("FEED_WINDOW_DAYS_BACK", 30, 0, 366)),
                Duration.ofDays(source.integer("FEED_WINDOW_DAYS_AHEAD", 180, 1, 731)),
                source.enumeration("FEED_PATIENT_NAME", FeedPatientName.GIVEN_FAMILY_INITIAL));
    }
}
