package org.teamstelehealth.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.meetings.MeetingSettings.LobbyBypass;
import org.teamstelehealth.meetings.MeetingSettings.OrganizerMode;
import org.teamstelehealth.meetings.MeetingSettings.Presenters;
import org.teamstelehealth.platform.SettingsException;
import org.teamstelehealth.platform.SettingsSource;
import org.teamstelehealth.testing.ContractExamples;

class MeetingSettingsTest {

    private static MeetingSettings load(Map<String, String> values) {
        SettingsSource source = new SettingsSource(values);
        MeetingSettings settings = MeetingSettings.from(source);
        source.check();
        return settings;
    }

    @Test
    void defaultsAreTheSeedsRecommendedModelWithThePatientInTheLobbyAndNoPatientNameInTheSubject() {
        MeetingSettings settings = load(Map.of());
        assertEquals(OrganizerMode.PROVIDER, settings.organizerMode());
        assertEquals(LobbyBypass.ORGANIZATION, settings.lobbyBypass());
        assertEquals(Presenters.ROLE_IS_PRESENTER, settings.allowedPresenters());
        assertEquals("Telehealth appointment with Dr Victor Hong",
                new MeetingSubject(settings).render(ContractExamples.snapshot("lifecycle-1-created.json")));
        assertEquals("organization", GraphMeetingGateway.graphValue(settings.lobbyBypass()));
        assertEquals("roleIsPresenter", GraphMeetingGateway.graphValue(settings.allowedPresenters()));
        assertEquals("organizationAndFederated", GraphMeetingGateway.graphValue(LobbyBypass.ORGANIZATION_AND_FEDERATED));
    }

    @Test
    void throttledChangesAreRetriedForADayByDefaultAndForAsLongAsTheAdminSays() {
        assertEquals(Duration.ofDays(1), load(Map.of()).retryPolicy().retryFor());
        assertEquals(Duration.ofMinutes(90), load(Map.of("MEETING_RETRY_FOR_MINUTES", "90")).retryPolicy().retryFor());
        assertThrows(SettingsException.class, () -> load(Map.of("MEETING_RETRY_FOR_MINUTES", "0")));
    }

    @Test
    void facilitatorModeNeedsTheFacilitatorsObjectId() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load(Map.of("MEETING_ORGANIZER_MODE", "facilitator")));
        assertTrue(e.getMessage().contains("MEETING_FACILITATOR_OBJECT_ID"), e.getMessage());
    }

    @Test
    void malformedValuesAreAllReportedAtOnce() {
        SettingsException e = assertThrows(SettingsException.class, () -> load(Map.of(
                "MEETING_LOBBY_BYPASS", "nobody", "MEETING_SUBJECT_TEMPLATE", "{{#if}", "MEETING_ANNOUNCE_ENTRY_EXIT", "yes")));
        assertEquals(3, e.problems().size(), e.getMessage());
    }
}
