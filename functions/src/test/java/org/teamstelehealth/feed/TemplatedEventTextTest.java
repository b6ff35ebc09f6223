package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.notifications.InMemoryTemplateStore;
import org.teamstelehealth.notifications.TemplateException;
import org.teamstelehealth.notifications.TemplateName;
import org.teamstelehealth.notifications.Templates;
import org.teamstelehealth.testing.Appointments;

class TemplatedEventTextTest {
    private final InMemoryTemplateStore store = new InMemoryTemplateStore();
    private final Templates templates = new Templates(store);
    private final JoinLinks joinLinks = new JoinLinks(new byte[32], URI.create("https://telehealth.example.org/api"));
    private final Appointment appointment = Appointments.ready("46", "2024-09-27T15:00:00+09:30");

    private TemplatedEventText text(FeedPatientName name) {
        return new TemplatedEventText(templates, joinLinks, Locale.forLanguageTag("en-AU"),
                Clock.fixed(Instant.parse("2024-09-20T00:00:00Z"), ZoneOffset.UTC),
                new ProviderEventText(joinLinks, name), name);
    }

    @Test
    void theDefaultFeedTextNamesThePatientByGivenNameAndFamilyInitialWithTheProvidersLinkOnly() {
        TemplatedEventText text = text(FeedPatientName.GIVEN_FAMILY_INITIAL);

        String summary = text.summary(appointment);
        String description = text.description(appointment);

        assertEquals("Clintel T. – Telehealth", summary);
        assertFalse(description.contains("Patient:"), "the title names the patient: " + description);
        assertTrue(description.contains("Join Microsoft Teams: "
                + joinLinks.link("46", "12", JoinLinks.Participant.PROVIDER, appointment.linkNonce())), description);
        assertFalse(description.contains("Date:") || description.contains("Location:"),
                "the event's own times and LOCATION say that; the feed stays lean: " + description);
        for (String leak : new String[] {"Test", "Ms ", "teams.microsoft.com", "not for Teams", "+61415100919",
                "clintel@example.org", "000012", joinLinks.link("46", "12", JoinLinks.Participant.PATIENT, appointment.linkNonce()).toString()}) {
            assertFalse((summary + description).contains(leak), leak + " in " + summary + "\n" + description);
        }
    }

    @ParameterizedTest
    @CsvSource({"FULL, Clintel Test", "GIVEN_FAMILY_INITIAL, Clintel T.", "INITIALS, C. T."})
    void eachSettingShowsThatMuchOfTheName(FeedPatientName setting, String shown) {
        TemplatedEventText text = text(setting);

        assertEquals(shown + " – Telehealth", text.summary(appointment));
        assertFalse(text.description(appointment).contains("Clintel"), text.description(appointment));
    }

    @Test
    void noneShowsNoNameAtAll() {
        TemplatedEventText text = text(FeedPatientName.NONE);

        assertEquals("Telehealth", text.summary(appointment));
        assertFalse(text.description(appointment).replace("Clintel Clinic", "").contains("Clintel"),
                text.description(appointment));
        assertFalse(text.description(appointment).contains("Patient:"), text.description(appointment));
    }

    @Test
    void anAdminsFeedTemplateGetsOnlyAsMuchOfTheNameAsTheSettingAllows() throws TemplateException {
        templates.save(TemplateName.FEED_SUMMARY,
                "{{patient.title}} {{patient.given_name}} {{patient.family_name}} / {{patient.display_name}}");

        assertEquals("C. T. / C. T.", text(FeedPatientName.INITIALS).summary(appointment));
    }

    @Test
    void aFeedTemplateCannotUseTheRawTeamsUrlButTheInvitesStillCan() throws TemplateException {
        TemplateException refused = assertThrows(TemplateException.class,
                () -> templates.save(TemplateName.FEED_DESCRIPTION, "Join: {{patient.teams_url}}"));

        assertTrue(refused.getMessage().contains("teams_url"), refused.getMessage());
        templates.save(TemplateName.ICAL_DESCRIPTION, "Join: {{patient.teams_url}}");
    }

    @Test
    void thePatientsInviteTemplatesNoLongerWordTheFeed() throws TemplateException {
        templates.save(TemplateName.ICAL_SUMMARY, "{{patient.title}} {{patient.given_name}} {{patient.family_name}}");

        assertEquals("Clintel T. – Telehealth", text(FeedPatientName.GIVEN_FAMILY_INITIAL).summary(appointment));
    }

    @Test
    void theFallbackTextFollowsTheSettingToo() throws TemplateException {
        ProviderEventText fallback = new ProviderEventText(joinLinks, FeedPatientName.GIVEN_FAMILY_INITIAL);

        assertEquals("Clintel T. – Telehealth", fallback.summary(appointment));
        assertTrue(fallback.description(appointment).contains("Patient: Clintel T.\n"), fallback.description(appointment));
        assertFalse(fallback.description(appointment).contains("000012"), fallback.description(appointment));
    }

    @Test
    void aCancelledEventSaysSoAndCarriesNoJoinLink() {
        Snapshot s = appointment.snapshot();
        Appointment cancelled = Appointments.withSnapshot(appointment, new Snapshot(s.id(), 2, Snapshot.Status.CANCELLED,
                s.start(), s.durationMinutes(), s.timeZone(), s.comments(), s.appointmentType(), s.patient(), s.provider(),
                s.location(), s.session()), false);
        TemplatedEventText text = text(FeedPatientName.GIVEN_FAMILY_INITIAL);

        assertTrue(text.summary(cancelled).startsWith("Cancelled: "), text.summary(cancelled));
        assertFalse(text.description(cancelled).contains("join_telehealth_session"), text.description(cancelled));
    }

    @Test
    void aDeletedAppointmentAsItIsKeptShowsAsCancelledWithNoName() {
        Appointment deleted = Appointments.withSnapshot(appointment, appointment.snapshot(), true)
                .keepingOnlyWhatDeletionNeeds();
        TemplatedEventText text = text(FeedPatientName.FULL);

        assertEquals("Cancelled: Telehealth", text.summary(deleted));
        assertEquals("", text.description(deleted), "nothing to add to the title and times");
    }
}
