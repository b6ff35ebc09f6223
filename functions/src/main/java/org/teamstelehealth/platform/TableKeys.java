package org.teamstelehealth.platform;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The one way ids become Azure Table PartitionKeys and RowKeys. Keys may not hold {@code / \ # ?}
 * or the control characters U+0000–U+001F and U+007F–U+009F: those, and {@code %} itself, are
 * percent-encoded as {@code %XX} (upper-case hex); every other character stays as it is. So the
 * mapping is one-to-one ({@link #unescape} undoes it), and an id without those characters is its
 * own key.
 */
public final class TableKeys {
    private TableKeys() {}

    public static String escape(String id) {
        StringBuilder out = new StringBuilder(id.length());
        for (char c : Objects.requireNonNull(id).toCharArray()) {
            if (escaped(c)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The id {@link #escape} made {@code key} from. */
    public static String unescape(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '%' && i + 2 < key.length()) {
                out.append((char) Integer.parseInt(key.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code value} inside an OData filter's single-quoted string literal. */
    public static String quote(String value) {
        return value.replace("'", "''");
    }

    /** A table property read back as an instant: the SDK hands date-times over as OffsetDateTime, older rows as text. */
    public static Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return value instanceof String text ? Instant.parse(text) : null;
    }

    /** True for {@code %} and every character a table key may not hold. */
    static boolean escaped(char c) {
        return c == '/' || c == '\\' || c == '#' || c == '?' || c == '%' || c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
