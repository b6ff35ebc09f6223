package org.teamstelehealth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableKeysTest {
    /** Azure Table keys may not hold these (and the escape character must not stand for itself). */
    private static final String FORBIDDEN = "/\\#?%";

    @Test
    void idsWithoutForbiddenCharactersAreTheirOwnKey() {
        for (String id : List.of("47", "a-7b0c_x.y:z", "Dr Smith@clinic.example", "ünïcødé ~'+*", "'; drop", "p-12")) {
            assertEquals(id, TableKeys.escape(id));
        }
    }

    @Test
    void forbiddenCharactersArePercentEncoded() {
        assertEquals("x%2Fy%5Cz%23w%3Fv%25u", TableKeys.escape("x/y\\z#w?v%u"));
    }

    @Test
    void controlCharactersArePercentEncoded() {
        assertEquals("a%00b%09c%0Ad%1Fe%7Ff%80g%9Fh", TableKeys.escape("a\u0000b\tc\nd\u001Fe\u007Ff\u0080g\u009Fh"));
        assertEquals("\u00A0", TableKeys.escape("\u00A0"), "U+00A0 is not a control character");
    }

    @Test
    void noKeyHoldsAForbiddenOrControlCharacter() {
        for (char c = 0; c < 0x200; c++) {
            String key = TableKeys.escape("k" + c);
            for (char k : key.toCharArray()) {
                assertFalse(FORBIDDEN.replace("%", "").indexOf(k) >= 0 || k < 0x20 || (k >= 0x7f && k <= 0x9f),
                        "U+" + Integer.toHexString(c) + " gave key " + key);
            }
        }
    }

    @Test
    void everyIdRoundTripsSoNoTwoIdsShareAKey() {
        for (char c = 0; c < 0x200; c++) {
            for (String id : List.of(String.valueOf(c), "a" + c + "%2F" + c, "%" + c, c + "%")) {
                assertEquals(id, TableKeys.unescape(TableKeys.escape(id)));
            }
        }
        assertNotEquals(TableKeys.escape("a/b"), TableKeys.escape("a%2Fb"));
    }
}
