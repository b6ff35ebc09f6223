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

        assertEquals(new FeedSettings(Duration.ofDays(1826), Duration.ofDays(30), Duration.ofDays(180)), settings);
    }

    @Test
    void outOfRangeValuesAreNamedAtStartUp() {
        SettingsSource source = new SettingsSource(Map.of("FEED_WINDOW_DAYS_AHEAD", "0", "FEED_LINK_EXPIRY_DAYS", "five"));
        FeedSettings.from(source);

        SettingsException e = assertThrows(SettingsException.class, source::check);
        assertTrue(e.getMessage().contains("FEED_WINDOW_DAYS_AHEAD"), e.getMessage());
        assertTrue(e.getMessage().contains("FEED_LINK_EXPIRY_DAYS"), e.getMessage());
    }
}
