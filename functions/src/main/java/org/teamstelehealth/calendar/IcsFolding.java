package org.teamstelehealth.calendar;

/**
 * Folds iCalendar content lines at 75 octets (RFC 5545 §3.1). ical4j counts UTF-16 characters, so
 * names in other scripts made lines of up to ~225 octets; this counts UTF-8 bytes and never splits
 * a character. {@link #unfold} undoes any folding, so text folded by another writer can be folded
 * again here.
 */
public final class IcsFolding {
    public static final int MAX_OCTETS = 75;
    private static final String CONTINUATION = "\r\n ";

    private IcsFolding() {}

    /**
     * Folded text and its length in UTF-8 octets, counted while folding (an unpaired surrogate counts 3, at
     * least what any encoder writes for it), so a caller keeping to a size need not read the text again.
     */
    public record Folded(String text, long octets) {}

    /** Folds every line of unfolded CRLF-separated content. */
    public static String fold(String unfolded) {
        return foldCounting(unfolded).text();
    }

    /** {@link #fold}, with the folded text's length in UTF-8 octets. */
    public static Folded foldCounting(String unfolded) {
        // A char array, not charAt: the Java worker runs C1 only, and charAt's checks dominated a feed's render.
        char[] chars = unfolded.toCharArray();
        StringBuilder out = new StringBuilder(chars.length + chars.length / 40);
        long octets = 0;
        int lineStart = 0;
        while (lineStart < chars.length) {
            int lineEnd = unfolded.indexOf("\r\n", lineStart);
            if (lineEnd < 0) {
                lineEnd = chars.length;
            }
            octets += foldLine(chars, lineStart, lineEnd, out) + 2;
            out.append("\r\n");
            lineStart = lineEnd + 2;
        }
        return new Folded(out.toString(), octets);
    }

    /** Joins every continuation line (CRLF then a space or tab) back onto the line it continues. */
    public static String unfold(String folded) {
        return folded.replace("\r\n ", "").replace("\r\n\t", "");
    }

    /** Appends one line, folded, without its CRLF; returns the octets appended. */
    private static long foldLine(char[] chars, int start, int end, StringBuilder out) {
        long appended = 0;
        int octets = 0;
        int segmentStart = start;
        int i = start;
        while (i < end) {
            int width = 1;
            int units = 1;
            char c = chars[i];
            if (c >= 0x80) {
                boolean pair = Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1]);
                width = pair ? 4 : c < 0x800 ? 2 : 3;
                units = pair ? 2 : 1;
            }
            if (octets + width > MAX_OCTETS) {
                out.append(chars, segmentStart, i - segmentStart).append(CONTINUATION);
                appended += octets + 2;
                segmentStart = i;
                octets = 1; // the leading space of the continuation line counts
            }
            octets += width;
            i += units;
        }
        out.append(chars, segmentStart, end - segmentStart);
        return appended + octets;
    }
}
