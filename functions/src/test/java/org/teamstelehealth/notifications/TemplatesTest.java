package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.teamstelehealth.calendar.IcsFolding;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.ContractExamples;

class TemplatesTest {
    private static final String TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0?context=%7b%7d";
    private final InMemoryTemplateStore store = new InMemoryTemplateStore();
    private final Templates templates = new Templates(store);
    private final JoinLinks joinLinks = new JoinLinks(new byte[32], URI.create("https://telehealth.example.org/api"));
    private final MessageContent content = new MessageContent(joinLinks, Locale.forLanguageTag("en-AU"),
            Optional.of("DoNotReply@clinic.example"));

    static java.util.List<String> examples() {
        return ContractExamples.valid().stream().filter(f -> !f.equals("deleted.json")).toList();
    }

    private NotificationIntent intent(Snapshot snapshot, NotificationIntent.Kind kind) {
        return new NotificationIntent(snapshot.id(), kind, 0, snapshot,
                kind == NotificationIntent.Kind.CANCELLATION ? null : TEAMS, "");
    }

    @org.junit.jupiter.api.Test
    void theDefaultSmsAsksForYOrNOnlyWhenRepliesCanArriveAndPointsToTheLinkOtherwise() throws Exception {
        Snapshot snapshot = ContractExamples.snapshot("created.json");
        MessageContent twoWay = new MessageContent(joinLinks, Locale.forLanguageTag("en-AU"), Optional.empty(), true);
        for (NotificationIntent.Kind kind : java.util.List.of(NotificationIntent.Kind.INVITATION, NotificationIntent.Kind.UPDATE)) {
            String oneWayText = content.sms(templates.current(), intent(snapshot, kind)).text();
            String twoWayText = twoWay.sms(templates.current(), intent(snapshot, kind)).text();

            assertFalse(oneWayText.contains("Reply"), oneWayText);
            assertTrue(oneWayText.contains("Open the link to confirm, or to tell us you cannot make it."), oneWayText);
            assertTrue(twoWayText.contains("Reply Y to confirm or N if you cannot make it."), twoWayText);
            assertFalse(twoWayText.contains("Open the link to confirm"), twoWayText);
        }
    }

    @org.junit.jupiter.api.Test
    void aClinicsTemplateMayUseTheRepliesSetting() throws Exception {
        templates.save(TemplateName.SMS_INVITATION, "{{#if sms.replies_enabled}}Reply Y{{/if}}");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyContractExampleRendersEveryDefaultTemplateWithoutHoles(String file) throws Exception {
        Snapshot snapshot = ContractExamples.snapshot(file);
        for (NotificationIntent.Kind kind : NotificationIntent.Kind.values()) {
            NotificationIntent intent = intent(snapshot, kind);
            MessageContent.Sms sms = content.sms(templates.current(), intent);
            assertTrue(sms.text().startsWith("Hi " + snapshot.patient().givenName() + ","), sms.text());
            assertTrue(sms.text().contains(" on 05/03/2027"), sms.text());
            assertFalse(sms.text().contains("{{"), sms.text());
            MessageContent.Email email = content.email(templates.current(), intent, java.time.Instant.parse("2027-03-01T00:00:00Z"));
            assertFalse(email.subject().isBlank());
            assertTrue(email.html().contains("05/03/2027"), email.html());
            assertTrue(kind == NotificationIntent.Kind.REMINDER ? email.ics() == null
                    : email.ics().startsWith("BEGIN:VCALENDAR\r\n"), "a reminder carries no invite");
            String entry = joinLinks.link(snapshot.id(), snapshot.patient().id(), JoinLinks.Participant.PATIENT, "").toString();
            if (kind == NotificationIntent.Kind.CANCELLATION) {
                assertFalse(email.html().contains(entry), "a cancellation offers no join link");
            } else {
                assertTrue(sms.text().contains(entry), sms.text());
                assertTrue(email.html().contains(entry.replace("&", "&amp;").replace("=", "&#x3D;")), email.html());
            }
        }
    }

    /**
     * The raw Teams link ignores the join window and outlives a cancellation: no default message carries it, and
     * {@code {{patient.teams_url}}} (what pasted CareRight templates use) is our tokenised link.
     */
    @ParameterizedTest
    @MethodSource("examples")
    void noDefaultMessageCarriesTheRawTeamsLink(String file) throws Exception {
        Snapshot snapshot = ContractExamples.snapshot(file);
        for (NotificationIntent.Kind kind : NotificationIntent.Kind.values()) {
            NotificationIntent intent = intent(snapshot, kind);
            MessageContent.Email email = content.email(templates.current(), intent, java.time.Instant.parse("2027-03-01T00:00:00Z"));
            String text = content.sms(templates.current(), intent).text() + email.subject() + email.html()
                    + (email.ics() == null ? "" : IcsFolding.unfold(email.ics()));
            assertFalse(text.contains("teams.microsoft.com"), text);
        }
        Map<?, ?> patient = (Map<?, ?>) content.model(intent(snapshot, NotificationIntent.Kind.INVITATION)).get("patient");
        assertEquals(patient.get("telehealth_entry_url"), patient.get("teams_url"));
    }

    @Test
    void aClinicThatChoosesTheRawTeamsLinkGetsItByItsOwnName() throws Exception {
        templates.save(TemplateName.SMS_INVITATION, "Hi {{patient.given_name}}, Teams: {{patient.teams_meeting_url}}");
        Snapshot snapshot = ContractExamples.snapshot("created.json");

        String sms = content.sms(templates.current(), intent(snapshot, NotificationIntent.Kind.INVITATION)).text();

        assertTrue(sms.endsWith("Teams: " + TEAMS), sms);
        Map<?, ?> cancelled = (Map<?, ?>) content.model(intent(snapshot, NotificationIntent.Kind.CANCELLATION)).get("patient");
        assertEquals(null, cancelled.get("teams_meeting_url"));
        assertEquals(null, cancelled.get("teams_url"), "{{#if patient.teams_url}} still means there is a meeting");
    }

    @Test
    void datesAndTimesAreTheAppointmentsOwnZoneInTheClinicsLocale() throws Exception {
        // 2027-03-05T16:40+10:30 Adelaide: the seed's "27/09/2024 16:40" and "4:40 pm" shapes.
        Snapshot snapshot = ContractExamples.snapshot("lifecycle-2-rescheduled.json");
        Map<String, Object> model = content.model(intent(snapshot, NotificationIntent.Kind.UPDATE));
        @SuppressWarnings("unchecked")
        Map<String, Object> appointment = (Map<String, Object>) model.get("appointment");
        assertEquals("05/03/2027", appointment.get("date"));
        assertEquals("16:40", appointment.get("start_time"));
        assertEquals("4:40 pm", appointment.get("start_time_12h"));
        assertEquals("17:10", appointment.get("end_time"));
        assertEquals("Booked", appointment.get("status"));
        assertEquals("Telehealth", appointment.get("appointment_type_description"));
        assertEquals("+61 8 8000 0000", ((Map<?, ?>) appointment.get("location")).get("phone"));

        Map<String, Object> us = new MessageContent(joinLinks, Locale.US, Optional.empty())
                .model(intent(snapshot, NotificationIntent.Kind.UPDATE));
        assertEquals("03/05/2027", ((Map<?, ?>) us.get("appointment")).get("date"));
        assertEquals("4:40 PM", ((Map<?, ?>) us.get("appointment")).get("start_time_12h"));
    }

    @Test
    void aTemplateThatWalksTheAppointmentSeesItsDatesAsText() throws Exception {
        // The dates are formatted only when read; walking the model with #each reads them too.
        templates.save(TemplateName.SMS_INVITATION, "{{#each appointment}}[{{@key}}={{this}}]{{/each}}");

        String text = content.sms(templates.current(),
                intent(ContractExamples.snapshot("lifecycle-2-rescheduled.json"), NotificationIntent.Kind.INVITATION)).text();

        assertTrue(text.contains("[date=05/03/2027]"), text);
        assertTrue(text.contains("[start_time_12h=4:40 pm]"), text);
        assertTrue(text.contains("[end_time=17:10]"), text);
        assertFalse(text.contains("Lambda") || text.contains("Deferred"), text);
    }

    @Test
    void theSeedsOwnTemplatesPasteInUnchanged() throws Exception {
        String seedSms = """
                Hi {{patient.given_name}},
                Your telehealth appointment is booked for {{appointment.start_time_12h}} on {{appointment.date}} with {{location.description}}, {{location.address1}}.
                Join from Teams:
                {{patient.teams_url}}
                Please reply Y or Yes to confirm the appointment or N or No to cancel.""";
        String seedEmail = """
                <p>Hi {{patient.given_name}}<br />
                You have a new telehealth appointment {{{appointment.date}}} ({{{appointment.start_time}}})<br />
                <a href="{{patient.telehealth_entry_url}}">{{patient.telehealth_entry_url}}</a><br />
                <a href="{{patient.teams_url}}">{{patient.teams_url}}</a><br />
                Call {{appointment.location.phone}} if you cannot attend.</p>
                <p>Regards,<br />{{location.display_name}}</p>""";
        String seedSummary = "{{{patient.title}}} {{{patient.given_name}}} {{{patient.family_name}}} Appointment";
        String seedDescription = """
                Status: {{{appointment.status}}}
                Patient: {{{patient.display_name}}}
                Provider: {{{provider.display_name}}}
                Appointment Type: {{{appointment.appointment_type_description}}}
                Date: {{{appointment.date}}}
                Time: {{{appointment.start_time}}}
                Microsoft Teams Join: {{{patient.teams_url}}}""";
        templates.save(TemplateName.SMS_INVITATION, seedSms);
        templates.save(TemplateName.EMAIL_INVITATION_BODY, seedEmail);
        templates.save(TemplateName.ICAL_SUMMARY, seedSummary);
        templates.save(TemplateName.ICAL_DESCRIPTION, seedDescription);

        NotificationIntent intent = intent(ContractExamples.snapshot("created.json"), NotificationIntent.Kind.INVITATION);
        MessageContent.Sms sms = content.sms(templates.current(), intent);
        assertEquals("""
                Hi Clintel,
                Your telehealth appointment is booked for 4:00 pm on 05/03/2027 with Clintel, 123 Example Street.
                Join from Teams:
                %s
                Please reply Y or Yes to confirm the appointment or N or No to cancel.""".formatted(
                joinLinks.link(intent.appointmentId(), "12", JoinLinks.Participant.PATIENT, "")), sms.text());
        assertFalse(sms.text().contains("teams.microsoft.com"), "the seed's {{patient.teams_url}} is our link");
        MessageContent.Email email = content.email(templates.current(), intent, java.time.Instant.parse("2027-03-01T00:00:00Z"));
        assertTrue(email.html().contains("appointment 05/03/2027 (16:00)"), email.html());
        assertTrue(email.html().contains("Call +61 8 8000 0000 if you cannot attend."), email.html());
        assertTrue(IcsFolding.unfold(email.ics()).contains("SUMMARY:Ms Clintel Test Appointment\r\n"), email.ics());
    }

    @Test
    void escapingExampleIsHtmlEscapedInEmailButNotInSmsOrInvite() throws Exception {
        NotificationIntent intent = intent(ContractExamples.snapshot("escaping.json"), NotificationIntent.Kind.INVITATION);
        MessageContent.Sms sms = content.sms(templates.current(), intent);
        assertTrue(sms.text().startsWith("Hi Zoë <b>,"), sms.text());
        assertTrue(sms.text().contains("Level 2, 10 King William St\nAdelaide"), sms.text());

        MessageContent.Email email = content.email(templates.current(), intent, java.time.Instant.parse("2027-03-01T00:00:00Z"));
        assertTrue(email.html().contains("Hi Zoë &lt;b&gt;<br />"), email.html());
        assertTrue(email.html().contains("Smith &amp; Jones, Family Practice"), email.html());
        assertFalse(email.html().contains("<b>"), email.html());
        assertTrue(email.plainText().startsWith("Hi Zoë <b>\n"), email.plainText());
        assertTrue(email.plainText().contains("Smith & Jones, Family Practice"), email.plainText());

        String ics = IcsFolding.unfold(email.ics());
        assertTrue(ics.contains("Patient: Zoë O'Brien-Nguyễn"), ics);
        assertTrue(ics.contains("CN=\"Smith & Jones, Family Practice\""), ics);
        assertFalse(ics.contains("&amp;"), ics);
    }

    @Test
    void aTemplateThatDoesNotCompileIsRefusedWithItsLineAndColumnAndTheOldOneStays() throws Exception {
        templates.save(TemplateName.SMS_INVITATION, "Hi {{patient.given_name}}");
        TemplateException e = assertThrows(TemplateException.class,
                () -> templates.save(TemplateName.SMS_INVITATION, "Hello\nHi {{#if patient.given_name}}unclosed"));
        assertEquals(2, e.line());
        assertTrue(e.column() > 0, "column " + e.column());
        assertEquals("Hi {{patient.given_name}}", templates.get(TemplateName.SMS_INVITATION).source());
    }

    @Test
    void aMisspeltVariableIsRefusedWhenSavedNotWhenAPatientIsTexted() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> templates.save(TemplateName.SMS_INVITATION, "Hi\n  {{patient.givenname}}"));
        assertTrue(e.reason().contains("patient.givenname"), e.reason());
        assertEquals(2, e.line());
        assertEquals(5, e.column(), "1-based column of the name");
        assertFalse(templates.get(TemplateName.SMS_INVITATION).overridden());

        assertThrows(TemplateException.class, () -> templates.save(TemplateName.SMS_INVITATION, "{{shout patient.given_name}}"));
    }

    @Test
    void aPartialCannotIncludeAClasspathFile() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> templates.save(TemplateName.SMS_INVITATION, "Hi {{> templates/email-invitation-body}}"));
        assertTrue(e.reason().contains("partial"), e.reason());
        assertFalse(templates.get(TemplateName.SMS_INVITATION).overridden());
    }

    @Test
    void onlyTheAllowedHelpersExistSoI18nCannotReadAPropertiesBundle() throws Exception {
        for (String attack : new String[] {
                "{{i18n \"net.fortuna.ical4j.timezone.update.enabled\" bundle=\"ical4j\"}}",
                "{{lookup patient \"given_name\"}}", "{{#block \"x\"}}y{{/block}}", "{{embedded \"templates/sms-invitation\"}}",
                "{{precompile \"templates/sms-invitation\"}}", "{{log patient}}"}) {
            TemplateException e = assertThrows(TemplateException.class,
                    () -> templates.save(TemplateName.SMS_INVITATION, "Hi " + attack), attack);
            assertTrue(e.reason().contains("not a variable or helper"), attack + ": " + e.reason());
        }
        TemplateException unknown = assertThrows(TemplateException.class, () -> templates.render(TemplateName.SMS_INVITATION,
                "Hi {{i18n \"net.fortuna.ical4j.timezone.update.enabled\" bundle=\"ical4j\"}}", MessageContent.exampleModel(TemplateName.SMS_INVITATION)));
        assertFalse(unknown.reason().contains("false"), "nothing read from the bundle: " + unknown.reason());
        templates.save(TemplateName.SMS_INVITATION,
                "{{#if patient.given_name}}{{#with patient}}{{given_name}}{{/with}}{{/if}}{{#unless x}}!{{/unless}}");
    }

    @Test
    void valuesResolveOnlyAsMapKeysNotAsJavaMethodsOrBeanProperties() throws Exception {
        for (String attack : new String[] {"{{patient.getClass}}", "{{patient.class}}", "{{patient.class.name}}",
                "{{patient.given_name.bytes}}", "{{patient.size}}", "{{patient.isEmpty}}", "{{patient.empty}}"}) {
            assertThrows(TemplateException.class, () -> templates.save(TemplateName.SMS_INVITATION, attack), attack);
            assertEquals("", templates.render(TemplateName.SMS_INVITATION, attack, MessageContent.exampleModel(TemplateName.SMS_INVITATION)), attack);
        }
    }

    @Test
    void tripleStashInAnHtmlTemplateStillEscapesThePatientsText() throws Exception {
        Map<String, Object> model = content.model(intent(ContractExamples.snapshot("escaping.json"), NotificationIntent.Kind.INVITATION));

        String html = templates.render(TemplateName.EMAIL_INVITATION_BODY,
                "<p>{{{patient.given_name}}}|{{&patient.given_name}}|{{patient.given_name}}</p>", model);

        assertEquals("<p>Zoë &lt;b&gt;|Zoë &lt;b&gt;|Zoë &lt;b&gt;</p>", html);
        assertEquals("Zoë <b>", templates.render(TemplateName.SMS_INVITATION, "{{{patient.given_name}}}", model),
                "text templates are never escaped");
    }

    @Test
    void deletingAnOverrideGoesBackToTheDefault() throws Exception {
        templates.save(TemplateName.EMAIL_INVITATION_SUBJECT, "Your appointment at {{location.display_name}}");
        assertTrue(templates.get(TemplateName.EMAIL_INVITATION_SUBJECT).overridden());
        templates.reset(TemplateName.EMAIL_INVITATION_SUBJECT);
        assertEquals(Fakes.shippedSource(TemplateName.EMAIL_INVITATION_SUBJECT),
                templates.get(TemplateName.EMAIL_INVITATION_SUBJECT).source());
    }

    @Test
    void everyShippedDefaultPassesTheSaveTimeCheck() throws Exception {
        for (TemplateName name : TemplateName.values()) {
            String shipped = Fakes.shippedSource(name);
            templates.check(name, shipped);
            assertFalse(shipped.toLowerCase().contains("coviu"), name.id());
        }
    }
}
