package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void gsm7FitsOneHundredAndSixtyInOnePartThenSplitsBy153() {
        assertEquals(new SmsSegments(SmsSegments.Encoding.GSM7, 160, 1), SmsSegments.of("a".repeat(160)));
        assertEquals(new SmsSegments(SmsSegments.Encoding.GSM7, 161, 2), SmsSegments.of("a".repeat(161)));
        assertEquals(2, SmsSegments.of("a".repeat(306)).segments());
        assertEquals(3, SmsSegments.of("a".repeat(307)).segments());
    }

    @Test
    void extensionCharactersCountTwoAndAreNotSplitAcrossParts() {
        assertEquals(new SmsSegments(SmsSegments.Encoding.GSM7, 160, 1), SmsSegments.of("€".repeat(80)));
        assertEquals(new SmsSegments(SmsSegments.Encoding.GSM7, 161, 2), SmsSegments.of("a".repeat(159) + "{"));
        // 152 septets, then '[' needs 2: it moves to the second part; 153+153 = 306 would fit 2 parts otherwise.
        assertEquals(3, SmsSegments.of("a".repeat(152) + "[" + "a".repeat(152) + "[").segments());
    }

    @Test
    void anyCharacterOutsideGsm7MakesTheWholeTextUcs2() {
        assertEquals(new SmsSegments(SmsSegments.Encoding.GSM7, 4, 1), SmsSegments.of("Zoé!"));
        // "ë" is not in the GSM 03.38 alphabet (é, è, ä, ö, ü, ñ are): the seed's "Zoë" goes as UCS-2.
        assertEquals(new SmsSegments(SmsSegments.Encoding.UCS2, 3, 1), SmsSegments.of("Zoë"));
        assertEquals(new SmsSegments(SmsSegments.Encoding.UCS2, 70, 1), SmsSegments.of("ễ" + "a".repeat(69)));
        assertEquals(new SmsSegments(SmsSegments.Encoding.UCS2, 71, 2), SmsSegments.of("ễ" + "a".repeat(70)));
        assertEquals(2, SmsSegments.of("ễ".repeat(134)).segments());
        assertEquals(3, SmsSegments.of("ễ".repeat(135)).segments());
    }

    @Test
    void surrogatePairsAreNotSplitAcrossUcs2Parts() {
        // 66 units then an emoji (2 units) would straddle the 67-unit boundary: it starts part two.
        SmsSegments segments = SmsSegments.of("ễ".repeat(66) + "😀" + "ễ".repeat(66));
        assertEquals(134, segments.units());
        assertEquals(3, segments.segments());
    }
}
