package org.teamstelehealth.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IcsFoldingTest {

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
        assertEquals(line + "\r\n", IcsFolding.unfold(folded));
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
        assertEquals(line + "\r\n", IcsFolding.unfold(folded));
    }

    @Test
    void everyLineIsFoldedAndEachEndsWithCrlf() {
        String content = "BEGIN:VCALENDAR\r\nX-NAME:" + "z".repeat(100) + "\r\nEND:VCALENDAR";

        String folded = IcsFolding.fold(content);

        assertTrue(folded.endsWith("END:VCALENDAR\r\n"), folded);
        assertEquals(75, IcsLines.longestLineOctets(folded));
        assertEquals(content + "\r\n", IcsFolding.unfold(folded));
    }

    @Test
    void unfoldJoinsContinuationsThatStartWithASpaceOrATab() {
        assertEquals("SUMMARY:one two\r\n", IcsFolding.unfold("SUMMARY:one\r\n  two\r\n"));
        assertEquals("SUMMARY:onetwo\r\n", IcsFolding.unfold("SUMMARY:one\r\n\ttwo\r\n"));
    }

    @Test
    void textFoldedByCharactersIsRefoldedByOctets() {
        String line = "DESCRIPTION:" + "é".repeat(70);
        String byCharacters = line.substring(0, 75) + "\r\n " + line.substring(75) + "\r\n";

        String folded = IcsFolding.fold(IcsFolding.unfold(byCharacters));

        assertTrue(IcsLines.longestLineOctets(byCharacters) > 75);
        assertTrue(IcsLines.longestLineOctets(folded) <= 75, folded);
        assertEquals(line + "\r\n", IcsFolding.unfold(folded));
    }

    @Test
    void theOctetsCountedWhileFoldingAreTheFoldedTextsUtf8Length() {
        String content = "BEGIN:VEVENT\r\nSUMMARY:" + "Nguyễn Thị 王😀 é".repeat(12) + "\r\nDESCRIPTION:" + "a".repeat(300)
                + "\r\nEND:VEVENT\r\n";

        IcsFolding.Folded folded = IcsFolding.foldCounting(content);

        assertEquals(IcsFolding.fold(content), folded.text());
        assertEquals(folded.text().getBytes(StandardCharsets.UTF_8).length, folded.octets());
        assertTrue(IcsLines.longestLineOctets(folded.text()) <= 75, folded.text());
    }

    @Test
    void anUnpairedSurrogateIsCountedAtLeastAsAnEncoderWritesIt() {
        String content = "SUMMARY:\ud83d" + "x".repeat(80) + "\ude00\r\n";

        IcsFolding.Folded folded = IcsFolding.foldCounting(content);

        assertEquals(content, IcsFolding.unfold(folded.text()));
        assertTrue(folded.octets() >= folded.text().getBytes(StandardCharsets.UTF_8).length);
    }
}
