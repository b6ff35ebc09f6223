package org.teamstelehealth.bootstrap;

import java.net.URI;
import java.util.Map;
import org.teamstelehealth.access.AccessSettings;
import org.teamstelehealth.attendance.AttendanceSettings;
import org.teamstelehealth.events.EventSettings;
import org.teamstelehealth.appointments.AttentionSettings;
import org.teamstelehealth.feed.FeedSettings;
import org.teamstelehealth.intake.WebhookSettings;
import org.teamstelehealth.join.JoinSettings;
import org.teamstelehealth.meetings.MeetingSettings;
import org.teamstelehealth.notifications.NotificationSettings;
import org.teamstelehealth.notifications.SmsReplySettings;
import org.teamstelehealth.platform.GraphSettings;
import org.teamstelehealth.platform.SettingsSource;
import org.teamstelehealth.reminders.ReminderSettings;
import org.teamstelehealth.retention.RetentionSettings;
import org.teamstelehealth.secrets.SecretSettings;

/**
 * Every setting the app reads, parsed once at start-up. {@link #load(Map)} throws a
 * {@link SettingsException} naming each missing or malformed setting.
 *
 * @param publicBaseUrl the address patients and providers reach the app on, with the route prefix
 *     ({@code https://<app>.azurewebsites.net/api}); links in messages and feeds are built from it
 */
public record Settings(
        URI publicBaseUrl,
        StorageSettings storage,
        WebhookSettings webhook,
        JoinSettings join,
        FeedSettings feed,
        NotificationSettings notifications,
        SecretSettings secrets,
        GraphSettings graph,
        MeetingSettings meetings,
        AccessSettings access,
        RetentionSettings retention,
        SmsReplySettings smsReplies,
        AttendanceSettings attendance,
        EventSettings events,
        AttentionSettings attention,
        ReminderSettings reminders) {

    public static Settings load(Map<String, String> values) {
        return load(new SettingsSource(values));
    }

    /** As {@link #load(Map)}, leaving {@code source} able to tell which settings were read. */
    public static Settings load(SettingsSource source) {
        GraphSettings graph = GraphSettings.from(source);
        MeetingSettings meetings = MeetingSettings.from(source);
        Settings settings = new Settings(
                source.uri("PUBLIC_BASE_URL", "http://localhost:7071/api"),
                StorageSettings.from(source),
                WebhookSettings.from(source),
                JoinSettings.from(source, meetings.patientJoin()),
                FeedSettings.from(source),
                NotificationSettings.from(source),
                SecretSettings.from(source, graph),
                graph,
                meetings,
                AccessSettings.from(source, graph),
                RetentionSettings.from(source),
                SmsReplySettings.from(source),
                AttendanceSettings.from(source),
                EventSettings.from(source),
                AttentionSettings.from(source),
                ReminderSettings.from(source));
        source.check();
        return settings;
    }
}
