package org.teamstelehealth.notifications;

/**
 * How many SMS parts a text is billed and sent as. Text entirely in the GSM 03.38 alphabet goes as
 * GSM-7: 160 septets in one part, 153 per part when split, extension characters ({@code ^{}\[~]|€}
 * and form feed) taking two septets and never split across parts. Any other character (an emoji,
 * "ễ", a curly quote) sends the whole text as UCS-2: 70 UTF-16 units in one part, 67 per part, a
 * surrogate pair never split.
 *
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
 */
public record SmsSegments(Encoding encoding, int units, int segments) {

    public enum Encoding { GSM7, UCS2 }

    private static final String GSM7_BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "^{}\\[~]|€\f";

    public static SmsSegments of(String text) {
        return isGsm7(text) ? gsm7(text) : ucs2(text);
    }

    static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM7_BASIC.indexOf(c) < 0 && GSM7_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static SmsSegments gsm7(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += cost(text.charAt(i));
        }
        if (septets <= 160) {
            return new SmsSegments(Encoding.GSM7, septets, 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = cost(text.charAt(i));
            if (used + cost > 153) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new SmsSegments(Encoding.GSM7, septets, segments);
    }

    private static SmsSegments ucs2(String text) {
        int units = text.length();
        if (units <= 70) {
            return new SmsSegments(Encoding.UCS2, units, 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() ? 2 : 1;
            if (used + cost > 67) {
                segments++;
                used = 0;
            }
            used += cost;
            i += cost - 1;
        }
        return new SmsSegments(Encoding.UCS2, units, segments);
    }

    private static int cost(char c) {
        return GSM7_EXTENSION.indexOf(c) >= 0 ? 2 : 1;
    }
}
