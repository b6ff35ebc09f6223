package org.teamstelehealth.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.calendar.CalendarIdentity;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;

/** Renders what one notification says on each channel, from the templates in force. */
public final class MessageContent {
    static final String EXAMPLE_TEAMS_URL =
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting_EXAMPLE%40thread.v2/0?context=%7b%22Tid%22%3a%22example%22%7d";
    private static final String EXAMPLE_ENTRY_URL =
            "https://telehealth.example.org/api/patients/12/appointments/47/join_telehealth_session?vendor=teams&token=EXAMPLE";

    private final JoinLinks joinLinks;
    private final Locale locale;
    private final Optional<String> organizerEmail;
    private final boolean smsRepliesEnabled;
    private final InviteBuilder invites = new InviteBuilder();

    public record Sms(String text, SmsSegments segments) {}

    /** @param ics the calendar invite, or {@code null} for a reminder, which carries none */
    public record Email(String subject, String html, String plainText, String ics) {}

    public MessageContent(JoinLinks joinLinks, Locale locale, Optional<String> organizerEmail) {
        this(joinLinks, locale, organizerEmail, false);
    }

    /**
     * @param smsRepliesEnabled {@code SMS_REPLIES_ENABLED}: templates see it as {@code sms.replies_enabled}, so the
     *     default SMS asks for Y or N only where a reply can arrive
     */
    public MessageContent(JoinLinks joinLinks, Locale locale, Optional<String> organizerEmail, boolean smsRepliesEnabled) {
        this.joinLinks = joinLinks;
        this.locale = locale;
        this.organizerEmail = organizerEmail;
        this.smsRepliesEnabled = smsRepliesEnabled;
    }

    public Map<String, Object> model(NotificationIntent intent) {
        Snapshot snapshot = intent.snapshot();
        URI entry = joinLinks.link(intent.appointmentId(), snapshot.patient().id(), JoinLinks.Participant.PATIENT,
                intent.linkNonce());
        String teams = intent.kind() == NotificationIntent.Kind.CANCELLATION ? null : intent.teamsJoinUrl();
        return withSms(TemplateModel.of(snapshot, teams, entry.toString(), locale), smsRepliesEnabled);
    }

    public Sms sms(Templates.Effective templates, NotificationIntent intent) throws TemplateException {
        String text = templates.render(TemplateName.sms(intent.kind()), model(intent)).strip();
        return new Sms(text, SmsSegments.of(text));
    }

    /** @throws InviteAddressException when an address cannot go into the invite */
    public Email email(Templates.Effective templates, NotificationIntent intent, Instant now)
            throws TemplateException, InviteAddressException {
        Map<String, Object> model = model(intent);
        String subject = oneLine(templates.render(TemplateName.emailSubject(intent.kind()), model));
        String html = templates.render(TemplateName.emailBody(intent.kind()), model);
        if (intent.kind() == NotificationIntent.Kind.REMINDER) {
            // The calendar already holds this appointment as the last invite or update left it.
            return new Email(subject, html, HtmlText.toPlainText(html), null);
        }
        Snapshot s = intent.snapshot();
        Invite invite = new Invite(intent.kind(), CalendarIdentity.uid(intent.appointmentId()), intent.sequence(), now,
                s.startInstant(), s.endInstant(),
                oneLine(templates.render(TemplateName.ICAL_SUMMARY, model)),
                templates.render(TemplateName.ICAL_DESCRIPTION, model).strip(),
                address(s),
                joinLinks.link(intent.appointmentId(), s.patient().id(), JoinLinks.Participant.PATIENT, intent.linkNonce()),
                organizerEmail.orElseThrow(), organizerName(s), s.patient().email(),
                (String) ((Map<?, ?>) model.get("patient")).get("display_name"));
        return new Email(subject, html, HtmlText.toPlainText(html), invites.ics(invite));
    }

    /** The clinic's name as the invite's organiser: the location's display name, as the seed's invites show. */
    private static String organizerName(Snapshot s) {
        return s.locationIfAny().map(Snapshot.Location::displayNameOrDescription).orElse(null);
    }

    /** The clinic's address for the invite's LOCATION; none when the PMS sent none. */
    private static String address(Snapshot s) {
        return s.locationIfAny().map(Snapshot.Location::addressLine).filter(line -> !line.isEmpty()).orElse(null);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** The complete example appointment templates are checked and previewed against. */
    public static Snapshot exampleSnapshot() {
        try (InputStream in = MessageContent.class.getClassLoader().getResourceAsStream("templates/preview-appointment.json")) {
            JsonNode body = Json.MAPPER.readTree(in);
            return Json.MAPPER.treeToValue(body.get("appointment"), Snapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Variables for checking a template: every one a template may use has a value. */
    static Map<String, Object> exampleModel(TemplateName name) {
        Map<String, Object> model = withSms(TemplateModel.of(name, exampleSnapshot(), EXAMPLE_TEAMS_URL,
                EXAMPLE_ENTRY_URL, Locale.forLanguageTag("en-AU")), true);
        if (name == TemplateName.FEED_SUMMARY || name == TemplateName.FEED_DESCRIPTION) {
            // The feed's events of past appointments also see who attended (feed.ProviderEventText#attendance).
            model.put("attendance", Map.of("text", "attended 18 min", "outcome", "attended", "patient_minutes", 18,
                    "provider_minutes", 20, "patient_wait_minutes", 3));
        }
        return model;
    }

    /** Variables for an admin's preview of {@code snapshot}: example links, so no real token is shown. */
    public Map<String, Object> previewModel(TemplateName name, Snapshot snapshot) {
        return withSms(TemplateModel.of(name, snapshot, EXAMPLE_TEAMS_URL, EXAMPLE_ENTRY_URL, locale), smsRepliesEnabled);
    }

    /** {@code sms.replies_enabled}: whether a patient's SMS reply reaches the service. */
    private static Map<String, Object> withSms(Map<String, Object> model, boolean repliesEnabled) {
        Map<String, Object> with = new java.util.LinkedHashMap<>(model);
        with.put("sms", Map.of("replies_enabled", repliesEnabled));
        return with;
    }
}
