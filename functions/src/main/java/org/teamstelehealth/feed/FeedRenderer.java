package org.teamstelehealth.feed;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableClazz;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.calendar.CalendarAddress;
import org.teamstelehealth.calendar.CalendarIdentity;
import org.teamstelehealth.calendar.IcsFolding;
import org.teamstelehealth.messages.Snapshot;

/**
 * Writes a provider's appointments as an iCalendar subscription feed (METHOD:PUBLISH). Builds the
 * calendar with ical4j and folds it itself at 75 octets. The output depends only on the
 * appointments (DTSTAMP is the row's last change, not "now"), so equal data gives an equal ETag.
 */
public final class FeedRenderer {
    static final String PRODUCT_ID = "-//Teams Telehealth//Provider appointments feed//EN";
    static final Duration REFRESH = Duration.ofMinutes(15);

    private final EventText text;

    public FeedRenderer(EventText text) {
        this.text = text;
    }

    /** Bump when the renderer writes the same appointments differently: the feed's ETag includes it. */
    static final String FORMAT = "feed-format-2";

    /** Differs whenever the same appointments would be rendered differently; part of the feed's ETag. */
    public String fingerprint() {
        return FORMAT + "\n" + text.fingerprint();
    }

    /** The folded feed. */
    public String render(String calendarName, List<Appointment> appointments) {
        return IcsFolding.fold(calendar(calendarName, appointments).toString());
    }

    /** The ical4j calendar behind {@link #render}; tests validate it. */
    Calendar calendar(String calendarName, List<Appointment> appointments) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(new XProperty("X-WR-CALNAME", calendarName));
        calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH));
        calendar.add(new XProperty("X-PUBLISHED-TTL", REFRESH.toString()));
        for (Appointment appointment : appointments) {
            if (hasTimes(appointment.snapshot())) {
                calendar.add(event(appointment));
            }
        }
        return calendar;
    }

    private VEvent event(Appointment appointment) {
        Snapshot snapshot = appointment.snapshot();
        Instant changed = appointment.updatedAt() != null ? appointment.updatedAt() : snapshot.startInstant();
        VEvent event = new VEvent(snapshot.startInstant(), snapshot.endInstant(), text.summary(appointment));
        // The constructor stamps "now"; a feed must not change when nothing changed.
        event.replace(new DtStamp(changed));
        event.add(new Uid(CalendarIdentity.uid(appointment.id())));
        event.add(new Sequence(appointment.sequence()));
        event.add(new LastModified(changed));
        event.add(new Description(text.description(appointment)));
        snapshot.locationIfAny().map(FeedRenderer::place).filter(p -> !p.isBlank())
                .ifPresent(place -> event.add(new Location(place)));
        organizer(snapshot.provider()).ifPresent(event::add);
        event.add(ImmutableClazz.PRIVATE);
        event.add(appointment.cancelled() ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        return event;
    }

    /**
     * iTIP's PUBLISH wants an ORGANIZER: the provider, at the first of their email and UPN that can be
     * a calendar address; none when neither can (the feed is served either way).
     */
    private static Optional<Organizer> organizer(Snapshot.Provider provider) {
        if (provider == null) {
            return Optional.empty();
        }
        Optional<URI> address = CalendarAddress.mailto(provider.email())
                .or(() -> CalendarAddress.mailto(provider.userPrincipalName()));
        ParameterList parameters = provider.displayName() == null ? new ParameterList()
                : new ParameterList(List.of(new Cn(provider.displayName())));
        return address.map(uri -> new Organizer(parameters, uri));
    }

    private static boolean hasTimes(Snapshot snapshot) {
        return snapshot != null && snapshot.start() != null && snapshot.durationMinutes() != null;
    }

    private static String place(Snapshot.Location location) {
        return Stream.of(location.displayName(), location.addressLine())
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(" "));
    }
}
