package org.teamstelehealth.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.platform.SettingsException;
import org.teamstelehealth.platform.SettingsSource;

class RetentionSettingsTest {

    @Test
    void defaultsAreNinetyDaysAfterTheAppointmentAndAWeekForReceipts() {
        assertEquals(new RetentionSettings(Duration.ofDays(90), Duration.ofDays(7)),
                RetentionSettings.from(new SettingsSource(Map.of())));
    }

    @Test
    void zeroDaysIsRefusedAtStartUp() {
        SettingsSource source = new SettingsSource(Map.of("RETENTION_DAYS", "0", "RECEIPT_RETENTION_DAYS", "0"));
        RetentionSettings.from(source);

        SettingsException e = assertThrows(SettingsException.class, source::check);
        assertTrue(e.getMessage().contains("RETENTION_DAYS") && e.getMessage().contains("RECEIPT_RETENTION_DAYS"),
                e.getMessage());
    }
}
