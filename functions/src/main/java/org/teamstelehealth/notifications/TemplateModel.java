package org.teamstelehealth.notifications;

import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.teamstelehealth.messages.Snapshot;

/**
 * The variables a template sees, named as the seed's templates name them so a clinic can paste its
 * existing templates: {@code patient.*}, {@code appointment.*} (with {@code appointment.location.*}),
 * {@code location.*}, {@code provider.*}, {@code session.*}, {@code appointment_type.*}.
 *
 * <p>Dates and times are in the appointment's own time zone, formatted for the clinic's locale.
 * The snapshot's {@code comments} are deliberately absent: they are staff notes, not for patients.
 */
public final class TemplateModel {
    private TemplateModel() {}

    /**
     * {@code patient.teams_url}, the seed's name for the Teams link, is our own join link (while there is a meeting),
     * so a pasted CareRight template sends the link that keeps to the join window and dies with a cancellation. The
     * meeting's raw {@code teams.microsoft.com} URL is {@code patient.teams_meeting_url}, for a clinic that chooses it.
     *
     * @param teamsUrl the meeting's Teams join URL, or {@code null} (cancellations)
     * @param entryUrl our own join link for the patient
     */
    public static Map<String, Object> of(Snapshot snapshot, String teamsUrl, String entryUrl, Locale locale) {
        return model(snapshot, true, teamsUrl, entryUrl, locale);
    }

    /**
     * The variables of a template that does not see the raw Teams URL ({@link TemplateName#teamsUrl()}):
     * the same as {@link #of} without {@code patient.teams_url} and {@code patient.teams_meeting_url}, so a strict
     * check refuses both.
     *
     * @param entryUrl the join link for whoever reads the text (in the provider's feed: the provider's)
     */
    public static Map<String, Object> withoutTeamsUrl(Snapshot snapshot, String entryUrl, Locale locale) {
        return model(snapshot, false, null, entryUrl, locale);
    }

    /** The variables {@code name} sees. */
    static Map<String, Object> of(TemplateName name, Snapshot snapshot, String teamsUrl, String entryUrl, Locale locale) {
        return model(snapshot, name.teamsUrl(), teamsUrl, entryUrl, locale);
    }

    private static Map<String, Object> model(Snapshot snapshot, boolean withTeamsUrl, String teamsUrl, String entryUrl,
            Locale locale) {
        Map<String, Object> location = location(snapshot.location());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("appointment", appointment(snapshot, location, locale));
        model.put("patient", patient(snapshot.patient(), withTeamsUrl, teamsUrl, entryUrl));
        model.put("provider", provider(snapshot.provider()));
        model.put("location", location);
        model.put("session", session(snapshot.session()));
        model.put("appointment_type", appointmentType(snapshot.appointmentType()));
        return model;
    }

    private static Map<String, Object> appointment(Snapshot s, Map<String, Object> location, Locale locale) {
        Variables m = new Variables();
        m.put("id", s.id());
        m.put("version", s.version());
        if (s.status() != null) {
            m.put("status", s.status().label());
            m.put("status_code", s.status().wireName());
        }
        if (s.start() != null && s.timeZone() != null && s.durationMinutes() != null) {
            ZonedDateTime start = s.start().atZoneSameInstant(s.zone());
            ZonedDateTime end = start.plusMinutes(s.durationMinutes());
            Formats f = formats(locale);
            // Formatted only if a template reads them: a feed's templates usually read none.
            m.putDeferred("date", () -> start.format(f.shortDate()));
            m.putDeferred("date_long", () -> start.format(f.longDate()));
            m.putDeferred("start_time", () -> start.format(f.time()));
            m.putDeferred("start_time_12h", () -> start.format(f.time12h()));
            m.putDeferred("end_time", () -> end.format(f.time()));
            m.putDeferred("end_time_12h", () -> end.format(f.time12h()));
            m.putDeferred("time_zone_abbreviation", () -> start.format(f.zone()));
            m.put("start", s.start().toString());
            m.put("end", s.start().plusMinutes(s.durationMinutes()).toString());
        }
        m.put("duration_minutes", s.durationMinutes());
        m.put("time_zone", s.timeZone());
        if (s.appointmentType() != null) {
            m.put("appointment_type_description", s.appointmentType().description());
            m.put("appointment_type_code", s.appointmentType().code());
        }
        m.put("appointment_type", appointmentType(s.appointmentType()));
        m.put("session", session(s.session()));
        m.put("location", location);
        return m;
    }

    private static Map<String, Object> patient(Snapshot.Patient p, boolean withTeamsUrl, String teamsUrl, String entryUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p != null) {
            m.put("id", p.id());
            m.put("mrn", p.mrn());
            m.put("title", p.title());
            m.put("given_name", p.givenName());
            m.put("family_name", p.familyName());
            m.put("display_name", p.displayNameOrFullName());
            m.put("mobile_phone", p.mobilePhone());
            m.put("email", p.email());
            m.put("contact_preference", p.contactPreferenceOrDefault().name().toLowerCase(Locale.ROOT));
        }
        if (withTeamsUrl) {
            // Null without a meeting, as before, so {{#if patient.teams_url}} still reads "there is a meeting".
            m.put("teams_url", teamsUrl == null ? null : entryUrl);
            m.put("teams_meeting_url", teamsUrl);
        }
        m.put("telehealth_entry_url", entryUrl);
        return m;
    }

    private static Map<String, Object> provider(Snapshot.Provider p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p != null) {
            m.put("id", p.id());
            m.put("display_name", p.displayName());
            m.put("user_principal_name", p.userPrincipalName());
            m.put("entra_object_id", p.entraObjectId());
            m.put("email", p.email());
        }
        return m;
    }

    private static Map<String, Object> location(Snapshot.Location l) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (l != null) {
            m.put("id", l.id());
            m.put("description", l.description());
            m.put("display_name", l.displayNameOrDescription());
            m.put("address1", l.address1());
            m.put("address2", l.address2());
            m.put("suburb", l.suburb());
            m.put("state", l.state());
            m.put("postcode", l.postcode());
            m.put("phone", l.phone());
        }
        return m;
    }

    private static Map<String, Object> session(Snapshot.Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s != null) {
            m.put("name", s.name());
            m.put("type_category", s.typeCategory());
        }
        return m;
    }

    private static Map<String, Object> appointmentType(Snapshot.AppointmentType t) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (t != null) {
            m.put("code", t.code());
            m.put("description", t.description());
            m.put("category", t.category());
            m.put("telehealth_enabled", t.telehealthEnabled());
        }
        return m;
    }

    /** The formats of one locale, made once: a provider's feed formats thousands of appointments at a time. */
    private record Formats(DateTimeFormatter shortDate, DateTimeFormatter longDate, DateTimeFormatter time,
            DateTimeFormatter time12h, DateTimeFormatter zone) {}

    /** Bounded: the locales are the configured ones. */
    private static final Map<Locale, Formats> FORMATS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Formats formats(Locale locale) {
        return FORMATS.computeIfAbsent(locale, l -> new Formats(shortDate(l),
                DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(l), DateTimeFormatter.ofPattern("HH:mm", l),
                DateTimeFormatter.ofPattern("h:mm a", l), DateTimeFormatter.ofPattern("zzz", l)));
    }

    /**
     * The locale's short date with two-digit day and month and a four-digit year: en-AU's
     * {@code d/M/yy} becomes {@code dd/MM/yyyy} (27/09/2024, as the seed shows), en-US's {@code MM/dd/yyyy}.
     */
    static DateTimeFormatter shortDate(Locale locale) {
        String pattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(
                FormatStyle.SHORT, null, IsoChronology.INSTANCE, locale);
        String widened = pattern.replaceAll("d+", "dd").replaceAll("M+", "MM").replaceAll("y+", "yyyy");
        return DateTimeFormatter.ofPattern(widened, locale);
    }
}
