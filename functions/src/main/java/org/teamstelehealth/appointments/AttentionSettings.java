package org.teamstelehealth.appointments;

import org.teamstelehealth.platform.SettingsSource;

/**
 * The admin attention list ({@code GET manage/appointments}).
 *
 * @param pageSize entries a page holds when the caller gives no {@code limit} ({@code ATTENTION_PAGE_SIZE})
 * @param maxPageSize the most a {@code limit} may ask for
 */
public record AttentionSettings(int pageSize, int maxPageSize) {
    static final int MAX_PAGE_SIZE = 200;

    public static AttentionSettings from(SettingsSource source) {
        return new AttentionSettings(source.integer("ATTENTION_PAGE_SIZE", 50, 1, MAX_PAGE_SIZE), MAX_PAGE_SIZE);
    }
}
