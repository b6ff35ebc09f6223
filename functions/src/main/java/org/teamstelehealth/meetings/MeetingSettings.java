package org.teamstelehealth.meetings;

import com.github.jknack.handlebars.Template;
import java.io.IOException;
import java.time.Duration;
import org.teamstelehealth.appointments.PatientJoin;
import org.teamstelehealth.appointments.RetryPolicy;
import org.teamstelehealth.platform.SettingsSource;

/**
 * What an admin decides about the Teams meetings the app makes.
 *
 * @param organizerMode who organises each meeting: each provider (the seed's recommended model) or one facilitator
 * @param facilitatorObjectId the facilitator user's Entra object id (facilitator mode only)
 * @param lobbyBypass who skips the lobby; by default people in the organisation do, so the provider walks
 *     straight in and the patient waits until admitted
 * @param allowedPresenters who may present; by default the organiser and participants with the presenter role
 *     (the provider in facilitator mode)
 * @param announceEntryExit whether Teams announces people joining and leaving
 * @param subjectTemplate Handlebars template of the meeting subject over the snapshot (snake_case field names);
 *     Teams shows the subject to everyone in the meeting and in Microsoft 365, so the default names no patient
 * @param retryFor how long after a change was first tried a transient Graph failure (429/503/504, unreachable, Entra
 *     token) is still retried ({@code MEETING_RETRY_FOR_MINUTES}); never past the appointment's end for a change that
 *     makes or moves a meeting ({@link RetryPolicy})
 * @param defaultRetryDelay the delay before the next try when Graph gives no Retry-After
 * @param maxRetryDelay the longest a Retry-After is honoured before the next try anyway
 * @param patientJoin which link patients join by ({@code PATIENT_JOIN}); {@code browser} makes the gateway ask Graph
 *     for each meeting's virtual appointment URL
 */
public record MeetingSettings(
        OrganizerMode organizerMode,
        String facilitatorObjectId,
        LobbyBypass lobbyBypass,
        Presenters allowedPresenters,
        boolean announceEntryExit,
        String subjectTemplate,
        Duration retryFor,
        Duration defaultRetryDelay,
        Duration maxRetryDelay,
        PatientJoin patientJoin) {

    public static final String DEFAULT_SUBJECT = "Telehealth appointment with {{provider.display_name}}";

    public enum OrganizerMode { PROVIDER, FACILITATOR }

    /** Graph's lobbyBypassScope values. */
    public enum LobbyBypass { ORGANIZER, ORGANIZATION, ORGANIZATION_AND_FEDERATED, EVERYONE }

    /** Graph's onlineMeetingPresenters values. */
    public enum Presenters { EVERYONE, ORGANIZATION, ROLE_IS_PRESENTER, ORGANIZER }

    public static MeetingSettings from(SettingsSource source) {
        OrganizerMode mode = source.enumeration("MEETING_ORGANIZER_MODE", OrganizerMode.PROVIDER);
        String facilitator = source.optional("MEETING_FACILITATOR_OBJECT_ID").orElse(null);
        if (mode == OrganizerMode.FACILITATOR && facilitator == null) {
            source.problem("MEETING_FACILITATOR_OBJECT_ID is required when MEETING_ORGANIZER_MODE=facilitator"
                    + " (the Entra object id of the user who organises every meeting)");
        }
        String subject = source.string("MEETING_SUBJECT_TEMPLATE", DEFAULT_SUBJECT);
        try {
            MeetingSubject.HANDLEBARS.compileInline(subject);
        } catch (IOException | RuntimeException e) {
            source.problem("MEETING_SUBJECT_TEMPLATE is not a valid Handlebars template");
        }
        return new MeetingSettings(
                mode,
                facilitator,
                source.enumeration("MEETING_LOBBY_BYPASS", LobbyBypass.ORGANIZATION),
                source.enumeration("MEETING_ALLOWED_PRESENTERS", Presenters.ROLE_IS_PRESENTER),
                source.bool("MEETING_ANNOUNCE_ENTRY_EXIT", false),
                subject,
                source.minutes("MEETING_RETRY_FOR_MINUTES", 1440, 1, 10080),
                Duration.ofSeconds(source.integer("MEETING_RETRY_DEFAULT_SECONDS", 30, 1, 3600)),
                Duration.ofSeconds(source.integer("MEETING_RETRY_MAX_SECONDS", 900, 1, 86_400)),
                source.enumeration("PATIENT_JOIN", PatientJoin.TEAMS));
    }

    /** The subject template, compiled. */
    Template compiledSubject() {
        try {
            return MeetingSubject.HANDLEBARS.compileInline(subjectTemplate);
        } catch (IOException e) {
            throw new IllegalStateException("MEETING_SUBJECT_TEMPLATE does not compile", e);
        }
    }

    /** The part of these settings the appointments side needs to retry a throttled change. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(retryFor, defaultRetryDelay, maxRetryDelay);
    }
}
