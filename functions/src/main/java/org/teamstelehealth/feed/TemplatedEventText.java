package org.teamstelehealth.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.notifications.TemplateException;
import org.teamstelehealth.notifications.TemplateModel;
import org.teamstelehealth.notifications.TemplateName;
import org.teamstelehealth.notifications.Templates;

/**
 * A provider's feed events in the clinic's own words: the feed's own templates ({@code feed-summary},
 * {@code feed-description}; not the patient's invite, whose text calendar apps would copy to Google
 * and Microsoft), rendered with the provider's join link as {@code patient.telehealth_entry_url},
 * without the raw Teams URL, and with the patient's name cut down to {@link FeedPatientName}.
 * Cancelled events say so in front. Falls back to the plain default text if a template cannot be rendered.
 */
public final class TemplatedEventText implements EventText {
    /** The feed renders many events at once; the templates in force are read at most this often. */
    private static final Duration REFRESH = Duration.ofMinutes(1);
    private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("\\s*\\R\\s*");

    private final Templates templates;
    private final JoinLinks joinLinks;
    private final Locale locale;
    private final Clock clock;
    private final EventText fallback;
    private final FeedPatientName patientName;
    private volatile Templates.Effective current;
    private volatile Instant readAt = Instant.MIN;

    public TemplatedEventText(Templates templates, JoinLinks joinLinks, Locale locale, Clock clock, EventText fallback,
            FeedPatientName patientName) {
        this.patientName = patientName;
        this.templates = templates;
        this.joinLinks = joinLinks;
        this.locale = locale;
        this.clock = clock;
        this.fallback = fallback;
    }

    @Override
    public String fingerprint() {
        Templates.Effective inForce = templatesInForce();
        return String.join("\n", "templated-event-text", locale.toLanguageTag(), patientName.name(),
                ProviderEventText.linkFingerprint(joinLinks), inForce.source(TemplateName.FEED_SUMMARY),
                inForce.source(TemplateName.FEED_DESCRIPTION), fallback.fingerprint());
    }

    @Override
    public String summary(Appointment appointment) {
        return summary(appointment, model(appointment), templatesInForce());
    }

    @Override
    public String description(Appointment appointment) {
        return description(appointment, model(appointment), templatesInForce());
    }

    /** One model (one join link, one set of dates) for both. */
    @Override
    public Words words(Appointment appointment) {
        Map<String, Object> model = model(appointment);
        Templates.Effective inForce = templatesInForce();
        return new Words(summary(appointment, model, inForce), description(appointment, model, inForce));
    }

    private String summary(Appointment appointment, Map<String, Object> model, Templates.Effective inForce) {
        try {
            String summary = LINE_BREAKS.matcher(inForce.render(TemplateName.FEED_SUMMARY, model)).replaceAll(" ").strip();
            return appointment.cancelled() ? "Cancelled: " + summary : summary;
        } catch (TemplateException e) {
            return fallback.summary(appointment);
        }
    }

    private String description(Appointment appointment, Map<String, Object> model, Templates.Effective inForce) {
        try {
            return inForce.render(TemplateName.FEED_DESCRIPTION, model).strip();
        } catch (TemplateException e) {
            return fallback.description(appointment);
        }
    }

    private Map<String, Object> model(Appointment appointment) {
        Snapshot snapshot = appointment.snapshot();
        boolean meeting = !appointment.cancelled() && appointment.meeting() != null && snapshot.patient() != null;
        String providerLink = !meeting ? null
                : joinLinks.address(appointment.id(), snapshot.patient().id(), JoinLinks.Participant.PROVIDER,
                        appointment.linkNonce());
        Map<String, Object> model = TemplateModel.withoutTeamsUrl(withPatientNamed(snapshot), providerLink, locale);
        Map<String, Object> attendance = ProviderEventText.attendance(appointment);
        if (attendance != null) {
            model.put("attendance", attendance);
        }
        return model;
    }

    private Snapshot withPatientNamed(Snapshot s) {
        return new Snapshot(s.id(), s.version(), s.status(), s.start(), s.durationMinutes(), s.timeZone(), s.comments(),
                s.appointmentType(), patientName.apply(s.patient()), s.provider(), s.location(), s.session());
    }

    private Templates.Effective templatesInForce() {
        Instant now = clock.instant();
        if (current == null || now.isAfter(readAt.plus(REFRESH))) {
            current = templates.current();
            readAt = now;
        }
        return current;
    }

}
