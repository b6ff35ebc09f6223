package org.teamstelehealth.calendar;

import java.nio.charset.StandardCharsets;

/** Checks on folded iCalendar text, for tests. */
public final class IcsLines {
    private IcsLines() {}

    /** The longest physical line in UTF-8 octets, not counting its CRLF. */
    public static int longestLineOctets(String folded) {
        int longest = 0;
        for (String line : folded.split("\r\n")) {
            longest = Math.max(longest, line.getBytes(StandardCharsets.UTF_8).length);
        }
        return longest;
    }
}
