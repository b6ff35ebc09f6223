package org.teamstelehealth.feed;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.calendar.CalendarAddress;
import org.teamstelehealth.calendar.CalendarIdentity;
import org.teamstelehealth.calendar.IcsFolding;
import org.teamstelehealth.messages.Snapshot;

/**
 * Writes a provider's appointments as an iCalendar subscription feed (METHOD:PUBLISH), folded at 75
 * octets. The output depends only on the appointments (DTSTAMP is the row's last change, not "now"),
 * so equal data gives equal bytes.
 *
 * <p>It writes the text itself rather than building an ical4j model: the feed has a dozen fixed
 * properties, and the model and its {@code toString} cost more than the rest of a render together
 * (benchmarks/RESULTS.md, "Feed"). Tests parse and validate the output with ical4j and ical.js.
 */
public final class FeedRenderer {
    static final String PRODUCT_ID = "-//Teams Telehealth//Provider appointments feed//EN";
    static final Duration REFRESH = Duration.ofMinutes(15);
    /**
     * Google Calendar refuses subscriptions over about 1 MB; a feed that would be larger keeps the events
     * nearest today that fit (see {@link #render(String, List, Instant, int)}).
     */
    public static final int MAX_BYTES = 1_000_000;
    /** Bump when the renderer writes the same appointments differently: the feed's ETag includes it. */
    static final String FORMAT = "feed-format-2";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String END = "END:VCALENDAR\r\n";

    private final EventText text;

    public FeedRenderer(EventText text) {
        this.text = text;
    }

    /** Differs whenever the same appointments would be rendered differently; part of the feed's ETag. */
    public String fingerprint() {
        return FORMAT + "\n" + text.fingerprint();
    }

    /** The folded feed with every appointment that has times. */
    public String render(String calendarName, List<Appointment> appointments) {
        return render(calendarName, appointments, Instant.EPOCH, Integer.MAX_VALUE);
    }

    /**
     * The folded feed, at most {@code maxBytes} of UTF-8: when every event does not fit, the events nearest
     * {@code around} (by start) do, and the rest are left out, so the window in effect shrinks at both ends.
     * Still in start order.
     */
    public String render(String calendarName, List<Appointment> appointments, Instant around, int maxBytes) {
        IcsFolding.Folded header = header(calendarName);
        List<Event> events = new ArrayList<>(appointments.size());
        for (Appointment appointment : appointments) {
            if (hasTimes(appointment.snapshot())) {
                events.add(new Event(appointment.snapshot().startInstant(), IcsFolding.foldCounting(event(appointment))));
            }
        }
        List<Event> kept = fitting(events, around, maxBytes - header.octets() - END.length());
        StringBuilder out = new StringBuilder(header.text().length()
                + kept.stream().mapToInt(e -> e.folded().text().length()).sum() + 16);
        out.append(header.text());
        kept.forEach(event -> out.append(event.folded().text()));
        return out.append(END).toString();
    }

    private record Event(Instant start, IcsFolding.Folded folded) {}

    private static List<Event> fitting(List<Event> events, Instant around, long budget) {
        long total = 0;
        for (Event event : events) {
            total += event.folded().octets();
        }
        if (total <= budget) {
            return events;
        }
        List<Event> nearestFirst = new ArrayList<>(events);
        nearestFirst.sort(Comparator.comparing((Event e) -> Duration.between(around, e.start()).abs()));
        List<Event> kept = new ArrayList<>();
        long used = 0;
        for (Event event : nearestFirst) {
            long size = event.folded().octets();
            if (used + size > budget) {
                break;
            }
            kept.add(event);
            used += size;
        }
        kept.sort(Comparator.comparing(Event::start));
        return kept;
    }

    private static IcsFolding.Folded header(String calendarName) {
        StringBuilder out = new StringBuilder(256);
        line(out, "BEGIN", "VCALENDAR");
        line(out, "PRODID", PRODUCT_ID);
        line(out, "VERSION", "2.0");
        line(out, "CALSCALE", "GREGORIAN");
        line(out, "METHOD", "PUBLISH");
        line(out, "X-WR-CALNAME", escape(calendarName));
        line(out, "REFRESH-INTERVAL;VALUE=DURATION", REFRESH.toString());
        line(out, "X-PUBLISHED-TTL", REFRESH.toString());
        return IcsFolding.foldCounting(out.toString());
    }

    /** One VEVENT, unfolded, each line ending in CRLF. */
    private String event(Appointment appointment) {
        Snapshot snapshot = appointment.snapshot();
        Instant changed = appointment.updatedAt() != null ? appointment.updatedAt() : snapshot.startInstant();
        StringBuilder out = new StringBuilder(640);
        line(out, "BEGIN", "VEVENT");
        line(out, "DTSTART", UTC.format(snapshot.startInstant()));
        line(out, "DTEND", UTC.format(snapshot.endInstant()));
        EventText.Words words = text.words(appointment);
        line(out, "SUMMARY", escape(words.summary()));
        // Not "now": a feed must not change when nothing changed.
        line(out, "DTSTAMP", UTC.format(changed));
        line(out, "UID", escape(CalendarIdentity.uid(appointment.id())));
        if (appointment.sequence() != 0) {
            // 0 is the default (RFC 5545 §3.8.7.4); leaving it out keeps 2,000 events under MAX_BYTES.
            line(out, "SEQUENCE", Integer.toString(appointment.sequence()));
        }
        String description = words.description();
        if (!description.isBlank()) {
            line(out, "DESCRIPTION", escape(description));
        }
        snapshot.locationIfAny().map(FeedRenderer::place).filter(p -> !p.isBlank())
                .ifPresent(place -> line(out, "LOCATION", escape(place)));
        organizer(snapshot.provider()).ifPresent(organizer -> out.append(organizer).append("\r\n"));
        line(out, "CLASS", "PRIVATE");
        line(out, "STATUS", appointment.cancelled() ? "CANCELLED" : "CONFIRMED");
        line(out, "END", "VEVENT");
        return out.toString();
    }

    /**
     * iTIP's PUBLISH wants an ORGANIZER: the provider, at the first of their email and UPN that can be
     * a calendar address; none when neither can (the feed is served either way).
     */
    private static Optional<String> organizer(Snapshot.Provider provider) {
        if (provider == null) {
            return Optional.empty();
        }
        Optional<URI> address = CalendarAddress.mailto(provider.email())
                .or(() -> CalendarAddress.mailto(provider.userPrincipalName()));
        String cn = provider.displayName() == null ? "" : ";CN=" + parameter(provider.displayName());
        return address.map(uri -> "ORGANIZER" + cn + ":" + uri);
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(name).append(':').append(value).append("\r\n");
    }

    /** TEXT (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped; other controls dropped. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\;");
                case ',' -> out.append("\\,");
                case '\n' -> out.append("\\n");
                case '\r' -> {
                    if (i + 1 >= value.length() || value.charAt(i + 1) != '\n') {
                        out.append("\\n");
                    }
                }
                default -> appendUnlessControl(out, c);
            }
        }
        return out.toString();
    }

    /** A parameter value, quoted when it holds {@code :;,}: DQUOTE and line breaks as RFC 6868 writes them, controls dropped. */
    static String parameter(String value) {
        boolean quoted = value.indexOf(':') >= 0 || value.indexOf(';') >= 0 || value.indexOf(',') >= 0;
        StringBuilder out = new StringBuilder(value.length() + 2);
        if (quoted) {
            out.append('"');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '^' -> out.append("^^");
                case '"' -> out.append("^'");
                case '\n' -> out.append("^n");
                default -> appendUnlessControl(out, c);
            }
        }
        return (quoted ? out.append('"') : out).toString();
    }

    private static void appendUnlessControl(StringBuilder out, char c) {
        if (c >= 0x20 && c != 0x7f || c == '\t') {
            out.append(c);
        }
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
