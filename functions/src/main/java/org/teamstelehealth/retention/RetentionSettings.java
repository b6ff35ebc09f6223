package org.teamstelehealth.retention;

import java.time.Duration;
import org.teamstelehealth.platform.SettingsSource;

/**
 * @param appointments how long after an appointment ended its rows are kept ({@code RETENTION_DAYS}, 90)
 * @param receipts how long a webhook receipt is kept ({@code RECEIPT_RETENTION_DAYS}, 7): longer than a PMS
 *     keeps retrying one message (the contract sets no window; Standard Webhooks' reference schedule gives up
 *     after about a day and a half)
 */
public record RetentionSettings(Duration appointments, Duration receipts) {

    public static RetentionSettings from(SettingsSource source) {
        return new RetentionSettings(
                Duration.ofDays(source.integer("RETENTION_DAYS", 90, 1, 3650)),
                Duration.ofDays(source.integer("RECEIPT_RETENTION_DAYS", 7, 1, 365)));
    }
}
