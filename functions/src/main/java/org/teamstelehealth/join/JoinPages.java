package org.teamstelehealth.join;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.teamstelehealth.appointments.PatientResponse;
import org.teamstelehealth.join.JoinOutcome.Clinic;

/**
 * Renders the small HTML pages a join link shows when it cannot send the person straight to Teams.
 * Templates live in {@code /join/*.hbs}; Handlebars escapes every value as HTML. Dates are written
 * the Australian way, in the appointment's own time zone.
 */
public final class JoinPages {
    /** How often the "not ready yet" page reloads itself, in seconds. */
    static final int NOT_READY_REFRESH_SECONDS = 20;

    /** A too-early page reloads itself at the opening time when that is at most this far away. */
    static final Duration REFRESH_WHEN_OPENING_WITHIN = Duration.ofHours(1);

    private static final Locale EN_AU = Locale.forLanguageTag("en-AU");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", EN_AU);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a zzz", EN_AU);

    /** A page ready to send: the HTTP status and the UTF-8 HTML. */
    public record RenderedPage(int status, byte[] html) {
        public String text() {
            return new String(html, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, Template> templates = new HashMap<>();
    private final RenderedPage notFound;

    public JoinPages() {
        Handlebars handlebars = new Handlebars(new ClassPathTemplateLoader("/join", ".hbs"))
                .with(new ConcurrentMapTemplateCache());
        for (String name : new String[] {"too-early", "ended", "cancelled", "not-ready", "unavailable", "not-found",
                "answered-confirmed", "answered-cancellation"}) {
            try {
                templates.put(name, handlebars.compile(name));
            } catch (IOException e) {
                throw new UncheckedIOException("Join page template " + name + " is missing or broken", e);
            }
        }
        // Rendered once: every unknown, mismatched or forged link gets these exact bytes.
        notFound = new RenderedPage(404, render("not-found", Map.of()));
    }

    public RenderedPage render(JoinOutcome outcome) {
        if (outcome instanceof JoinOutcome.TooEarly early) {
            Map<String, Object> opening = new HashMap<>(Map.of(
                    "opensDate", DATE.format(early.opensAt()), "opensTime", TIME.format(early.opensAt())));
            if (early.untilOpen().compareTo(REFRESH_WHEN_OPENING_WITHIN) <= 0) {
                // Someone waiting with the page open is taken in when the window opens.
                opening.put("refreshSeconds", early.untilOpen().toSeconds() + 1);
            }
            if (early.answerable()) {
                opening.put("answerable", true);
                opening.put("confirmed", early.answered() == PatientResponse.Kind.CONFIRMED);
                opening.put("cancellationRequested", early.answered() == PatientResponse.Kind.CANCELLATION_REQUESTED);
            }
            return page("too-early", early.startsAt(), early.clinic(), opening);
        }
        if (outcome instanceof JoinOutcome.Answered answered) {
            return page(answered.kind() == PatientResponse.Kind.CONFIRMED ? "answered-confirmed" : "answered-cancellation",
                    answered.startsAt(), answered.clinic(), Map.of());
        }
        if (outcome instanceof JoinOutcome.Ended ended) {
            return page("ended", ended.startsAt(), ended.clinic(), Map.of());
        }
        if (outcome instanceof JoinOutcome.Cancelled cancelled) {
            return page("cancelled", cancelled.startsAt(), cancelled.clinic(), Map.of());
        }
        if (outcome instanceof JoinOutcome.NotReady notReady) {
            return page("not-ready", notReady.startsAt(), notReady.clinic(),
                    Map.of("refreshSeconds", NOT_READY_REFRESH_SECONDS));
        }
        if (outcome instanceof JoinOutcome.Unavailable unavailable) {
            return page("unavailable", unavailable.startsAt(), unavailable.clinic(), Map.of());
        }
        if (outcome instanceof JoinOutcome.NotFound) {
            return notFound;
        }
        throw new IllegalArgumentException("No page for " + outcome.getClass().getSimpleName());
    }

    private RenderedPage page(String name, ZonedDateTime startsAt, Clinic clinic,
            Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("startDate", DATE.format(startsAt));
        model.put("startTime", TIME.format(startsAt));
        model.put("clinicName", clinic.name());
        model.put("clinicPhone", clinic.phone());
        model.put("clinicPhoneHref", clinic.phone() == null ? null : "tel:" + clinic.phone().replaceAll("[^+0-9]", ""));
        return new RenderedPage(200, render(name, model));
    }

    private byte[] render(String name, Map<String, Object> model) {
        try {
            return templates.get(name).apply(model).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render join page " + name, e);
        }
    }
}
