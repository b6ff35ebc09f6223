package org.teamstelehealth.meetings;

import org.teamstelehealth.appointments.MeetingException;
import org.teamstelehealth.appointments.PermanentMeetingException;
import org.teamstelehealth.meetings.MeetingSettings.OrganizerMode;
import org.teamstelehealth.messages.Snapshot;

/**
 * Decides whose meeting it is: the provider's own (by {@code entra_object_id}, or the object id their
 * {@code user_principal_name} resolves to, looked up once and cached) or the facilitator's.
 */
public final class OrganizerResolver {

    /** Port: finds a user's object id by UPN (Graph {@code GET /users/{upn}?$select=id}). */
    public interface UserLookup {
        String objectIdOf(String userPrincipalName) throws MeetingException;
    }

    private final MeetingSettings settings;
    private final DirectoryCache cache;
    private final UserLookup lookup;

    public OrganizerResolver(MeetingSettings settings, DirectoryCache cache, UserLookup lookup) {
        this.settings = settings;
        this.cache = cache;
        this.lookup = lookup;
    }

    /** The Entra object id of the user who organises this appointment's meeting. */
    public String organizerOf(Snapshot snapshot) throws MeetingException {
        if (settings.organizerMode() == OrganizerMode.FACILITATOR) {
            return settings.facilitatorObjectId();
        }
        return providerObjectId(snapshot.provider());
    }

    private String providerObjectId(Snapshot.Provider provider) throws MeetingException {
        if (provider.entraObjectId() != null && !provider.entraObjectId().isBlank()) {
            return provider.entraObjectId();
        }
        String upn = provider.userPrincipalName();
        if (upn == null || upn.isBlank()) {
            throw new PermanentMeetingException("Provider " + provider.id() + " has neither entra_object_id nor"
                    + " user_principal_name: set one in the PMS, or use MEETING_ORGANIZER_MODE=facilitator", null);
        }
        var cached = cache.objectId(upn);
        if (cached.isPresent()) {
            return cached.get();
        }
        String objectId = lookup.objectIdOf(upn);
        cache.remember(upn, objectId);
        return objectId;
    }
}
