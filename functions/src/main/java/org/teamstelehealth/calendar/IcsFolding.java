package org.teamstelehealth.calendar;

/**
 * Folds iCalendar content lines at 75 octets (RFC 5545 §3.1). ical4j counts UTF-16 characters, so
 * names in other scripts made lines of up to ~225 octets; this counts UTF-8 bytes and never splits
 * a character. {@link #unfold} undoes any folding, so text folded by another writer can be folded
 * again here.
 */
public final class IcsFolding {
    public static final int MAX_OCTETS = 75;

    private IcsFolding() {}

    /** Folds every line of unfolded CRLF-separated content. */
    public static String fold(String unfolded) {
        StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 40);
        int lineStart = 0;
        while (lineStart < unfolded.length()) {
            int lineEnd = unfolded.indexOf("\r\n", lineStart);
            if (lineEnd < 0) {
                lineEnd = unfolded.length();
            }
            foldLine(unfolded, lineStart, lineEnd, out);
            out.append("\r\n");
            lineStart = lineEnd + 2;
        }
        return out.toString();
    }

    /** Joins every continuation line (CRLF then a space or tab) back onto the line it continues. */
    public static String unfold(String folded) {
        return folded.replace("\r\n ", "").replace("\r\n\t", "");
    }

    private static void foldLine(String text, int start, int end, StringBuilder out) {
        int octets = 0;
        int i = start;
        while (i < end) {
            int codePoint = text.codePointAt(i);
            int width = utf8Length(codePoint);
            if (octets + width > MAX_OCTETS) {
                out.append("\r\n ");
                octets = 1; // the leading space of the continuation line counts
            }
            out.appendCodePoint(codePoint);
            octets += width;
            i += Character.charCount(codePoint);
        }
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
