package org.teamstelehealth.notifications;

import java.util.Arrays;
import java.util.Optional;
import org.teamstelehealth.messages.NotificationIntent.Kind;

/**
 * The message templates a clinic can replace. Each renders either HTML (values HTML-escaped by
 * {@code {{x}}}, left as they are by {@code {{{x}}}}) or plain text (never escaped: SMS, subjects, iCalendar).
 */
public enum TemplateName {
    SMS_INVITATION("sms-invitation", false, "SMS sent when the meeting is made"),
    SMS_UPDATE("sms-update", false, "SMS sent when the appointment's time or join link changes"),
    SMS_CANCELLATION("sms-cancellation", false, "SMS sent when the appointment is cancelled"),
    SMS_REMINDER("sms-reminder", false, "SMS reminder before the start, at each offset of REMINDER_OFFSETS with sms"),
    EMAIL_INVITATION_SUBJECT("email-invitation-subject", false, "Subject of the invitation email"),
    EMAIL_INVITATION_BODY("email-invitation-body", true, "HTML body of the invitation email"),
    EMAIL_UPDATE_SUBJECT("email-update-subject", false, "Subject of the email sent when the time or join link changes"),
    EMAIL_UPDATE_BODY("email-update-body", true, "HTML body of the email sent when the time or join link changes"),
    EMAIL_CANCELLATION_SUBJECT("email-cancellation-subject", false, "Subject of the cancellation email"),
    EMAIL_CANCELLATION_BODY("email-cancellation-body", true, "HTML body of the cancellation email"),
    EMAIL_REMINDER_SUBJECT("email-reminder-subject", false, "Subject of the reminder email (REMINDER_OFFSETS with email)"),
    EMAIL_REMINDER_BODY("email-reminder-body", true, "HTML body of the reminder email"),
    ICAL_SUMMARY("ical-summary", false, "SUMMARY (title) of the calendar invite"),
    ICAL_DESCRIPTION("ical-description", false, "DESCRIPTION (notes) of the calendar invite"),
    FEED_SUMMARY("feed-summary", false, "SUMMARY (title) of an event in the provider's calendar feed", false),
    FEED_DESCRIPTION("feed-description", false, "DESCRIPTION (notes) of an event in the provider's calendar feed", false);

    private final String id;
    private final boolean html;
    private final String description;
    private final boolean teamsUrl;

    TemplateName(String id, boolean html, String description) {
        this(id, html, description, true);
    }

    TemplateName(String id, boolean html, String description, boolean teamsUrl) {
        this.id = id;
        this.html = html;
        this.description = description;
        this.teamsUrl = teamsUrl;
    }

    /** The name used in routes and storage, e.g. {@code sms-invitation}. */
    public String id() {
        return id;
    }

    /** Whether {@code {{x}}} is HTML-escaped in this template. */
    public boolean html() {
        return html;
    }

    public String description() {
        return description;
    }

    /**
     * Whether this template sees {@code patient.teams_url}, the raw Teams URL that skips the join
     * window. The provider feed's templates do not: calendar apps copy them to Google and Microsoft.
     */
    public boolean teamsUrl() {
        return teamsUrl;
    }

    /** The classpath resource holding the default shipped with the app. */
    String resource() {
        return "templates/" + id + ".hbs";
    }

    public static Optional<TemplateName> byId(String id) {
        return Arrays.stream(values()).filter(name -> name.id.equals(id)).findFirst();
    }

    public static TemplateName sms(Kind kind) {
        return switch (kind) {
            case INVITATION -> SMS_INVITATION;
            case UPDATE -> SMS_UPDATE;
            case CANCELLATION -> SMS_CANCELLATION;
            case REMINDER -> SMS_REMINDER;
        };
    }

    public static TemplateName emailSubject(Kind kind) {
        return switch (kind) {
            case INVITATION -> EMAIL_INVITATION_SUBJECT;
            case UPDATE -> EMAIL_UPDATE_SUBJECT;
            case CANCELLATION -> EMAIL_CANCELLATION_SUBJECT;
            case REMINDER -> EMAIL_REMINDER_SUBJECT;
        };
    }

    public static TemplateName emailBody(Kind kind) {
        return switch (kind) {
            case INVITATION -> EMAIL_INVITATION_BODY;
            case UPDATE -> EMAIL_UPDATE_BODY;
            case CANCELLATION -> EMAIL_CANCELLATION_BODY;
            case REMINDER -> EMAIL_REMINDER_BODY;
        };
    }
}
