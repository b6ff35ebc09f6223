package org.teamstelehealth.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IcsFoldingTest {

    static String unfold(String folded) {
        return folded.replace("\r\n ", "");
    }

    @Test
    void aLineOfExactly75OctetsStaysWhole() {
        String line = "SUMMARY:" + "x".repeat(67);

        assertEquals(line + "\r\n", IcsFolding.fold(line + "\r\n"));
    }

    @Test
    void longerLinesFoldWithALeadingSpaceThatCounts() {
        String line = "DESCRIPTION:" + "y".repeat(200);

        String folded = IcsFolding.fold(line + "\r\n");

        String[] lines = folded.split("\r\n");
        assertEquals(75, lines[0].length());
        assertEquals(75, lines[1].length());
        assertEquals(' ', lines[1].charAt(0));
        assertEquals(line + "\r\n", unfold(folded));
    }

    @Test
    void multiByteCharactersAreCountedInOctetsAndNeverSplit() {
        String line = "SUMMARY:" + "王😀ễ".repeat(40);

        String folded = IcsFolding.fold(line + "\r\n");

        for (String part : folded.split("\r\n")) {
            byte[] octets = part.getBytes(StandardCharsets.UTF_8);
            assertEquals(part, new String(octets, StandardCharsets.UTF_8), "a character was split");
            assertTrue(octets.length <= 75, part);
        }
        assertEquals(line + "\r\n", unfold(folded));
    }
}
