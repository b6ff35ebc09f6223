package org.teamstelehealth.notifications;

import java.net.URI;
import java.time.Instant;
import org.teamstelehealth.messages.NotificationIntent.Kind;

/**
 * What a patient's calendar invite says.
 *
 * @param uid the appointment's one calendar UID (shared with the provider's feed)
 * @param sequence rises with every change of time, so calendars replace the older copy
 * @param organizerEmail the clinic's {@linkplain NotificationSettings#inviteOrganizer() organiser address}; {@code organizerName} its display name
 * @param attendeeEmail the patient's address; {@code attendeeName} their name
 * @param joinUrl the patient's join link
 * @param location where the seed's invites say the appointment is (the clinic's address), or {@code null}
 */
public record Invite(
        Kind kind, String uid, int sequence, Instant stamp, Instant start, Instant end,
        String summary, String description, String location, URI joinUrl,
        String organizerEmail, String organizerName, String attendeeEmail, String attendeeName) {

    public boolean cancellation() {
        return kind == Kind.CANCELLATION;
    }
}
