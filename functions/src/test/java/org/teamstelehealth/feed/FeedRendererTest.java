package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.calendar.CalendarIdentity;
import org.teamstelehealth.calendar.IcsLines;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.Appointments;

class FeedRendererTest {
    static final JoinLinks LINKS = new JoinLinks("a-join-link-key-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8),
            URI.create("https://telehealth.example.org/api"));
    static final String LONG_NAME = "Nguyễn Thị Minh Khai Ἀλέξανδρος Παπαδόπουλος 王小明 Σωκράτης Ñúñez-Øverås 😀 Đặng";

    /** The full name, so the long non-ASCII names reach the folding. */
    final FeedRenderer renderer = new FeedRenderer(new ProviderEventText(LINKS, FeedPatientName.FULL));

    static List<Appointment> appointments() {
        Appointment booked = Appointments.ready("46", "2024-09-27T15:00:00+09:30");
        Appointment cancelled = Appointments.ready("47", "2024-09-27T16:00:00+09:30");
        cancelled = Appointments.withSnapshot(cancelled,
                Appointments.withStatus(cancelled.snapshot(), Snapshot.Status.CANCELLED), false);
        Appointment longName = Appointments.ready("48", "2024-09-28T09:00:00+09:30");
        longName = Appointments.withSnapshot(longName, Appointments.snapshot("48", Snapshot.Status.CONFIRMED,
                OffsetDateTime.parse("2024-09-28T09:00:00+09:30"), LONG_NAME, "Victor Hong"), false);
        return List.of(booked, cancelled, longName);
    }

    @Test
    void everyLineFitsSeventyFiveOctetsEvenWithLongNonAsciiNames() {
        String ics = renderer.render("Dr Ἀλέξανδρος Παπαδόπουλος-王小明 appointments", appointments());

        assertTrue(IcsLines.longestLineOctets(ics) <= 75, ics);
        assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
        assertFalse(ics.replace("\r\n", "").contains("\n"), "bare LF in " + ics);
        assertTrue(ics.getBytes(StandardCharsets.UTF_8).length > 0);
    }

    @Test
    void theFeedReadsBackAsTheSameEventsInIcal4jAndValidates() throws Exception {
        String ics = renderer.render("Dr Victor Hong appointments", appointments());

        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        ValidationResult result = parsed.validate();
        assertFalse(result.hasErrors(), result.toString());
        List<VEvent> events = parsed.getComponents("VEVENT");
        assertEquals(3, events.size());
        VEvent longName = events.get(2);
        assertEquals(LONG_NAME + " – Telehealth", longName.getSummary().getValue());
        assertEquals(CalendarIdentity.uid("48"), longName.getUid().orElseThrow().getValue());
        assertEquals("CANCELLED", events.get(1).getStatus().getValue());
        assertEquals("Dr Victor Hong appointments", parsed.getProperty("X-WR-CALNAME").orElseThrow().getValue());
        assertTrue(ics.contains("\r\nMETHOD:PUBLISH\r\n"), ics);
        assertTrue(ics.contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n"), ics);
        assertTrue(ics.contains("\r\nX-PUBLISHED-TTL:PT15M\r\n"), ics);
        assertTrue(ics.contains("\r\nDTSTART:20240927T053000Z\r\n"), ics);
    }

    @Test
    void theProviderSeesTheirOwnJoinLinkAndNoPmsComments() throws Exception {
        String ics = renderer.render("Dr Victor Hong appointments", appointments());
        VEvent booked = new CalendarBuilder().build(new StringReader(ics)).<VEvent>getComponents("VEVENT").get(0);
        String description = booked.getDescription().getValue();

        assertTrue(description.contains("Join Microsoft Teams: " + LINKS.link("46", "12", JoinLinks.Participant.PROVIDER, "nonce-46")),
                description);
        assertTrue(description.contains("Patient: Clintel Test"), description);
        assertTrue(description.contains("Time: Friday 27 September 2024, 3:00 pm ACST"), description);
        assertFalse(description.contains("not for Teams"), description);
    }

    @Test
    void aProviderEmailWithAQuotedLocalPartIsTheOrganizerPercentEncoded() {
        Appointment a = withProviderEmail(Appointments.ready("46", "2024-09-27T15:00:00+09:30"), "\"victor..hong\"@clinic.example");

        String ics = org.teamstelehealth.calendar.IcsFolding.unfold(renderer.render("Dr Victor Hong appointments", List.of(a)));

        assertTrue(ics.contains(":mailto:%22victor..hong%22@clinic.example\r\n"), ics);
    }

    @Test
    void anUnusableProviderEmailFallsBackToTheUpnAndNeverBreaksTheFeed() {
        Appointment a = withProviderEmail(Appointments.ready("46", "2024-09-27T15:00:00+09:30"), "victor@clinic.example\r\nX: y");
        Appointment other = Appointments.ready("47", "2024-09-27T16:00:00+09:30");

        String ics = org.teamstelehealth.calendar.IcsFolding.unfold(renderer.render("Dr Victor Hong appointments", List.of(a, other)));

        assertEquals(2, ics.split("BEGIN:VEVENT").length - 1, ics);
        assertTrue(ics.contains(":mailto:victor@clintel.example\r\n"), ics);
        assertFalse(ics.contains("X: y") || ics.contains("%0D"), ics);
    }

    private static Appointment withProviderEmail(Appointment a, String email) {
        Snapshot.Provider p = a.snapshot().provider();
        return Appointments.withSnapshot(a, Appointments.withProvider(a.snapshot(),
                new Snapshot.Provider(p.id(), p.displayName(), p.userPrincipalName(), p.entraObjectId(), email)), false);
    }

    @Test
    void aFeedOverTheSizeLimitKeepsTheEventsNearestTodayInStartOrderAndStillValidates() throws Exception {
        List<Appointment> many = new java.util.ArrayList<>();
        for (int day = -20; day < 20; day++) {
            many.add(Appointments.ready("d" + day, OffsetDateTime.parse("2024-09-20T10:00:00Z").plusDays(day).toString()));
        }
        String full = renderer.render("x", many);
        int limit = full.getBytes(StandardCharsets.UTF_8).length / 4;

        String trimmed = renderer.render("x", many, java.time.Instant.parse("2024-09-20T00:00:00Z"), limit);

        assertTrue(trimmed.getBytes(StandardCharsets.UTF_8).length <= limit, trimmed.length() + " > " + limit);
        Calendar parsed = new CalendarBuilder().build(new StringReader(trimmed));
        assertFalse(parsed.validate().hasErrors(), parsed.validate().toString());
        List<String> uids = parsed.<VEvent>getComponents("VEVENT").stream()
                .map(e -> e.getUid().orElseThrow().getValue()).toList();
        assertTrue(uids.size() >= 8 && uids.size() < 12, uids.toString());
        assertTrue(uids.contains(CalendarIdentity.uid("d0")) && uids.contains(CalendarIdentity.uid("d-1")), uids.toString());
        assertFalse(uids.contains(CalendarIdentity.uid("d19")) || uids.contains(CalendarIdentity.uid("d-20")), uids.toString());
        assertEquals(uids.stream().sorted(java.util.Comparator.comparing(u -> full.indexOf(u))).toList(), uids, "start order");
        assertEquals(full, renderer.render("x", many, java.time.Instant.parse("2024-09-20T00:00:00Z"), Integer.MAX_VALUE));
    }

    @Test
    void textWithTheCharactersICalendarEscapesReadsBackAsItWasInIcal4j() throws Exception {
        String awkward = "O'Brien, \\Zoë; \"Dr\" ^ Who\r\nnext line\u0007";
        Appointment a = Appointments.ready("46", "2024-09-27T15:00:00+09:30");
        Snapshot s = Appointments.snapshot("46", Snapshot.Status.BOOKED, OffsetDateTime.parse("2024-09-27T15:00:00+09:30"),
                awkward, awkward);
        String ics = renderer.render(awkward, List.of(Appointments.withSnapshot(a, s, false)));

        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        assertFalse(parsed.validate().hasErrors(), parsed.validate().toString());
        VEvent event = parsed.<VEvent>getComponents("VEVENT").get(0);
        assertEquals(awkward.replace("\r\n", "\n").replace("\u0007", "") + " – Telehealth", event.getSummary().getValue());
        assertEquals(1, parseWithIcalJs(ics).get("events").size());
    }

    @Test
    void sameAppointmentsGiveTheSameBytes() {
        assertEquals(renderer.render("x", appointments()), renderer.render("x", appointments()));
    }

    @Test
    void icalJsParsesTheFeedWithoutError() throws Exception {
        String ics = renderer.render("Dr Ἀλέξανδρος, \"Hong\"; appointments", appointments());

        JsonNode parsed = parseWithIcalJs(ics);

        assertEquals(3, parsed.get("events").size(), parsed.toString());
        assertEquals(LONG_NAME + " – Telehealth", parsed.get("events").get(2).get("summary").asText());
        assertEquals("CANCELLED", parsed.get("events").get(1).get("status").asText());
        // ical.js leaves X- properties of unknown type escaped; TEXT escaping is what calendar apps expect.
        assertEquals("Dr Ἀλέξανδρος\\, \"Hong\"\\; appointments", parsed.get("name").asText());
    }

    /** Runs npm's ical.js (an independent parser) on the feed; it throws on malformed content lines. */
    static JsonNode parseWithIcalJs(String ics) throws Exception {
        Path root = Azurite.projectRoot();
        if (!Files.exists(root.resolve("node_modules/ical.js"))) {
            new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(root.toFile()).inheritIO().start().waitFor();
        }
        Path file = Files.createTempFile("feed", ".ics");
        Files.writeString(file, ics, StandardCharsets.UTF_8);
        String script = """
                import ICAL from 'ical.js';
                import { readFileSync } from 'node:fs';
                const cal = new ICAL.Component(ICAL.parse(readFileSync(process.argv[1], 'utf8')));
                const events = cal.getAllSubcomponents('vevent').map(e => ({
                  uid: e.getFirstPropertyValue('uid'), summary: e.getFirstPropertyValue('summary'),
                  status: e.getFirstPropertyValue('status'), sequence: e.getFirstPropertyValue('sequence'),
                  start: e.getFirstPropertyValue('dtstart').toString() }));
                console.log(JSON.stringify({ name: cal.getFirstPropertyValue('x-wr-calname'), events }));
                """;
        try {
            Process node = new ProcessBuilder("node", "--input-type=module", "-e", script, file.toString())
                    .directory(root.toFile()).redirectErrorStream(true).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish");
            assertEquals(0, node.exitValue(), "ical.js failed: " + out);
            return Json.MAPPER.readTree(out);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
