package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.platform.SettingsException;
import org.teamstelehealth.platform.SettingsSource;

class FeedSettingsTest {

    @Test
    void defaultsAreFiveYearLinksAndAThirtyDaysBackHalfAYearAheadWindow() {
        FeedSettings settings = FeedSettings.from(new SettingsSource(Map.of()));

        assertEquals(new FeedSettings(Duration.ofDays(1826), Duration.ofDays(30), Duration.ofDays(180),
                FeedPatientName.GIVEN_FAMILY_INITIAL), settings);
    }

    @Test
    void outOfRangeValuesAreNamedAtStartUp() {
        SettingsSource source = new SettingsSource(Map.of("FEED_WINDOW_DAYS_AHEAD", "0", "FEED_LINK_EXPIRY_DAYS", "five"));
        FeedSettings.from(source);

        SettingsException e = assertThrows(SettingsException.class, source::check);
        assertTrue(e.getMessage().contains("FEED_WINDOW_DAYS_AHEAD"), e.getMessage());
        assertTrue(e.getMessage().contains("FEED_LINK_EXPIRY_DAYS"), e.getMessage());
    }

    @Test
    void thePatientNameSettingTakesItsDocumentedValuesAndRefusesOthers() {
        for (FeedPatientName value : FeedPatientName.values()) {
            String written = value.name().toLowerCase(java.util.Locale.ROOT);
            assertEquals(value, FeedSettings.from(new SettingsSource(Map.of("FEED_PATIENT_NAME", written))).patientName());
        }
        SettingsSource wrong = new SettingsSource(Map.of("FEED_PATIENT_NAME", "surname"));
        FeedSettings.from(wrong);
        assertTrue(assertThrows(SettingsException.class, wrong::check).getMessage().contains("FEED_PATIENT_NAME"));
    }
}
