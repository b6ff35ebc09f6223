package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.calendar.CalendarIdentity;
import org.teamstelehealth.calendar.IcsFolding;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.testing.ContractExamples;

class InviteBuilderTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    private final JoinLinks joinLinks = new JoinLinks(new byte[32], URI.create("https://telehealth.example.org/api"));
    private final MessageContent content = new MessageContent(joinLinks, Locale.forLanguageTag("en-AU"),
            Optional.of("DoNotReply@clinic.example"));
    private final Templates templates = new Templates(new InMemoryTemplateStore());

    private String ics(String example, NotificationIntent.Kind kind, int sequence) throws Exception {
        Snapshot snapshot = ContractExamples.snapshot(example);
        NotificationIntent intent = new NotificationIntent(snapshot.id(), kind, sequence, snapshot,
                kind == NotificationIntent.Kind.CANCELLATION ? null : "https://teams.microsoft.com/l/meetup-join/abc", "");
        return content.email(templates.current(), intent, NOW).ics();
    }

    @Test
    void theOrganiserIsTheClinicsReplyToAddressWhenOneIsSetSoAnyReplyReachesAPerson() throws Exception {
        NotificationSettings settings = NotificationSettings.from(new org.teamstelehealth.platform.SettingsSource(java.util.Map.of(
                "ACS_CONNECTION_STRING", "endpoint=https://x.communication.azure.com/;accesskey=a2V5",
                "ACS_EMAIL_SENDER", "DoNotReply@clinic.example", "ACS_EMAIL_REPLY_TO", "reception@clinic.example")));
        MessageContent replying = new MessageContent(joinLinks, Locale.forLanguageTag("en-AU"), settings.inviteOrganizer());
        Snapshot snapshot = ContractExamples.snapshot("created.json");
        String ics = IcsFolding.unfold(replying.email(templates.current(), new NotificationIntent(snapshot.id(),
                NotificationIntent.Kind.INVITATION, 0, snapshot, "https://teams.microsoft.com/l/meetup-join/abc", ""), NOW).ics());
        assertTrue(ics.contains("ORGANIZER;CN=Clintel Clinic:mailto:reception@clinic.example\r\n"), ics);

        NotificationSettings sendOnly = NotificationSettings.from(new org.teamstelehealth.platform.SettingsSource(java.util.Map.of(
                "ACS_CONNECTION_STRING", "endpoint=https://x.communication.azure.com/;accesskey=a2V5",
                "ACS_EMAIL_SENDER", "DoNotReply@clinic.example")));
        assertEquals(Optional.of("DoNotReply@clinic.example"), sendOnly.inviteOrganizer());
    }

    @Test
    void invitationIsARequestForThePatientWithTheAppointmentsUidInUtc() throws Exception {
        String ics = ics("created.json", NotificationIntent.Kind.INVITATION, 0);
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        calendar.validate();
        String text = IcsFolding.unfold(ics);
        assertTrue(text.contains("\r\nMETHOD:REQUEST\r\n"), text);
        assertTrue(text.contains("\r\nUID:" + CalendarIdentity.uid("47") + "\r\n"), text);
        assertTrue(text.contains("\r\nSEQUENCE:0\r\n"), text);
        assertTrue(text.contains("\r\nDTSTART:20270305T053000Z\r\n"), text);
        assertTrue(text.contains("\r\nDTEND:20270305T060000Z\r\n"), text);
        assertTrue(text.contains("\r\nDTSTAMP:20270301T000000Z\r\n"), text);
        assertEquals(1, text.split("\r\nDTSTAMP:").length - 1, "one DTSTAMP");
        assertTrue(text.contains("\r\nSTATUS:CONFIRMED\r\n"), text);
        assertTrue(text.contains("ORGANIZER;CN=Clintel Clinic:mailto:DoNotReply@clinic.example\r\n"), text);
        assertTrue(text.matches("(?s).*ATTENDEE;[^\r]*RSVP=FALSE[^\r]*:mailto:clintel.test@example.com\r\n.*"),
                "no reply asked for: the patient's calendar would send it to the organiser, " + text);
        assertTrue(text.contains("\r\nLOCATION:123 Example Street CANBERRA ACT 2600\r\n"), text);
        String entry = joinLinks.link("47", "12", JoinLinks.Participant.PATIENT, "").toString();
        assertTrue(text.contains("\r\nURL:" + entry + "\r\n"), text);
        assertTrue(text.contains("SUMMARY:Telehealth appointment with Dr Victor Hong\r\n"), text);
        assertTrue(text.contains("Join: " + entry.replace(";", "\\;").replace(",", "\\,")), text);
    }

    @Test
    void cancellationCancelsTheSameEventWithAHigherSequence() throws Exception {
        String ics = ics("lifecycle-4-cancelled.json", NotificationIntent.Kind.CANCELLATION, 2);
        new CalendarBuilder().build(new StringReader(ics)).validate();
        String text = IcsFolding.unfold(ics);
        assertTrue(text.contains("\r\nMETHOD:CANCEL\r\n"), text);
        assertTrue(text.contains("\r\nSTATUS:CANCELLED\r\n"), text);
        assertTrue(text.contains("\r\nSEQUENCE:2\r\n"), text);
        assertTrue(text.contains("\r\nUID:" + CalendarIdentity.uid("48") + "\r\n"), text);
        assertFalse(text.contains("teams.microsoft.com"), "a cancelled invite carries no join link");
    }

    @Test
    void linesAreFoldedAt75OctetsEvenForNonAsciiText() throws Exception {
        templates.save(TemplateName.ICAL_DESCRIPTION, "{{patient.family_name}} ".repeat(12) + "Ωễ😀".repeat(30));
        String ics = ics("escaping.json", NotificationIntent.Kind.INVITATION, 1);
        for (String line : ics.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75,
                    line.getBytes(StandardCharsets.UTF_8).length + " octets: " + line);
        }
        assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        parsed.validate();
        String description = parsed.getComponent("VEVENT").orElseThrow().getProperty("DESCRIPTION").orElseThrow().getValue();
        assertTrue(description.endsWith("Ωễ😀".repeat(30)), description);
        assertTrue(description.startsWith("O'Brien-Nguyễn; \"Jr\" "), description);
    }

    @Test
    void icalJsParsesTheInviteToTheSameEvent() throws Exception {
        String ics = ics("escaping.json", NotificationIntent.Kind.INVITATION, 3);
        JsonNode event = parseWithIcalJs(ics);
        assertEquals("REQUEST", event.get("method").asText());
        assertEquals(CalendarIdentity.uid("50"), event.get("uid").asText());
        assertEquals(3, event.get("sequence").asInt());
        assertEquals("2027-03-05T05:30:00Z", event.get("start").asText());
        assertTrue(event.get("description").asText().contains("Patient: Zoë O'Brien-Nguyễn\n"), event.toString());
        assertEquals("Smith & Jones, Family Practice", event.get("organizerName").asText());
        assertEquals("Level 2, 10 King William St, Adelaide CANBERRA ACT 2600", event.get("location").asText());
    }

    static JsonNode parseWithIcalJs(String ics) throws Exception {
        Path file = Files.createTempFile("invite", ".ics");
        Files.writeString(file, ics, StandardCharsets.UTF_8);
        String script = """
                const ICAL = require('ical.js');
                const text = require('fs').readFileSync(process.argv[1], 'utf8');
                const cal = new ICAL.Component(ICAL.parse(text));
                const e = cal.getFirstSubcomponent('vevent');
                const org = e.getFirstProperty('organizer');
                console.log(JSON.stringify({
                  method: cal.getFirstPropertyValue('method'),
                  uid: e.getFirstPropertyValue('uid'),
                  sequence: e.getFirstPropertyValue('sequence'),
                  start: e.getFirstPropertyValue('dtstart').toString(),
                  summary: e.getFirstPropertyValue('summary'),
                  description: e.getFirstPropertyValue('description'),
                  location: e.getFirstPropertyValue('location'),
                  organizerName: org.getParameter('cn')
                }));
                """;
        Process node = new ProcessBuilder("node", "-e", script, file.toString())
                .directory(Azurite.projectRoot().toFile()).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, node.exitValue(), out);
        Files.delete(file);
        return Json.MAPPER.readTree(out);
    }
}
