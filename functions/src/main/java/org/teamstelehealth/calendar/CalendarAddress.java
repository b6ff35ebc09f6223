package org.teamstelehealth.calendar;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * An email address as an iCalendar CAL-ADDRESS (RFC 5545 §3.3.3): a {@code mailto:} URI as RFC 6068
 * writes one, for ical4j's {@code Organizer} and {@code Attendee}.
 */
public final class CalendarAddress {
    private CalendarAddress() {}

    /**
     * The address as a {@code mailto:} URI, with whatever a URI cannot hold percent-encoded: the
     * quotes of a quoted local part ({@code "john..doe"@example.com} becomes
     * {@code mailto:%22john..doe%22@example.com}), spaces, {@code %}, {@code ?}, {@code #} and non-ASCII
     * (as UTF-8 octets).
     *
     * @return empty when the value cannot be one address: blank, without a domain after an {@code @},
     *     or holding control characters (a CR/LF would smuggle headers into a mail client)
     */
    public static Optional<URI> mailto(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String value = address.strip();
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        try {
            // The three-argument constructor quotes what is illegal in a URI; "?" is legal there but
            // would start mailto header fields, so it is encoded too (RFC 6068 §2).
            String uri = new URI("mailto", value, null).toASCIIString().replace("?", "%3F");
            return Optional.of(new URI(uri));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
