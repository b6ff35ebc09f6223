package org.teamstelehealth.meetings;

import org.teamstelehealth.appointments.MeetingException;
import org.teamstelehealth.appointments.PermanentMeetingException;
import org.teamstelehealth.meetings.MeetingSettings.OrganizerMode;
import org.teamstelehealth.messages.Snapshot;

/**
 * Decides whose meeting it is (the provider's own or the facilitator's) and who the provider is in Entra: by
 * {@code entra_object_id} and {@code user_principal_name} when the PMS gives both, otherwise looked up once by
 * whichever it gives and cached.
 */
public final class OrganizerResolver {

    /** Port: finds a user by object id or UPN (Graph {@code GET /users/{key}?$select=id,userPrincipalName}). */
    public interface UserLookup {
        DirectoryUser userOf(String objectIdOrUpn) throws MeetingException;
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
        Snapshot.Provider provider = snapshot.provider();
        return present(provider.entraObjectId()) ? provider.entraObjectId() : provider(provider).objectId();
    }

    /** The provider with both object id and UPN, as Graph wants a meeting attendee named. */
    public DirectoryUser provider(Snapshot.Provider provider) throws MeetingException {
        String objectId = provider.entraObjectId();
        String upn = provider.userPrincipalName();
        if (present(objectId) && present(upn)) {
            return new DirectoryUser(objectId, upn);
        }
        String key = present(objectId) ? objectId : upn;
        if (!present(key)) {
            throw new PermanentMeetingException("Provider " + provider.id() + " has neither entra_object_id nor"
                    + " user_principal_name: set one in the PMS", null);
        }
        var cached = cache.user(key);
        if (cached.isPresent() && cached.get().userPrincipalName() != null) {
            return cached.get();
        }
        DirectoryUser found = lookup.userOf(key);
        cache.remember(found);
        return found;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
