package org.teamstelehealth.appointments;

import java.time.Instant;

/**
 * The Teams online meeting made for an appointment.
 *
 * @param meetingId Graph's onlineMeeting id (the seed's "external participant")
 * @param organizerId the Entra object id of the user who organises it
 * @param joinWebUrl the Teams join URL; never logged
 * @param coOrganizerId the Entra object id of the provider made co-organiser of a facilitator's meeting (so they
 *     can admit the patient from the lobby), or {@code null} when the provider organises it
 * @param browserJoinUrl the virtual appointment URL patients join by from a browser ({@link PatientJoin#BROWSER}),
 *     or {@code null} when not asked for or refused; never logged
 * @param browserJoinRefusal why Graph gave no {@code browserJoinUrl} when asked (the patient gets {@code joinWebUrl}),
 *     for the admin; {@code null} otherwise
 */
public record Meeting(String meetingId, String organizerId, String joinWebUrl, Instant start, Instant end,
        String coOrganizerId, String browserJoinUrl, String browserJoinRefusal) {

    /** A meeting without a browser join URL. */
    public Meeting(String meetingId, String organizerId, String joinWebUrl, Instant start, Instant end,
            String coOrganizerId) {
        this(meetingId, organizerId, joinWebUrl, start, end, coOrganizerId, null, null);
    }

    /** A meeting its provider organises. */
    public Meeting(String meetingId, String organizerId, String joinWebUrl, Instant start, Instant end) {
        this(meetingId, organizerId, joinWebUrl, start, end, null);
    }

    /** The same meeting as if it had these times (what an attempt at another version may have left on Graph). */
    public Meeting withTimes(Instant newStart, Instant newEnd) {
        return new Meeting(meetingId, organizerId, joinWebUrl, newStart, newEnd, coOrganizerId, browserJoinUrl,
                browserJoinRefusal);
    }

    /** This meeting with the browser join URL Graph gave ({@code refusal} null), or why it gave none. */
    public Meeting withBrowserJoin(String url, String refusal) {
        return new Meeting(meetingId, organizerId, joinWebUrl, start, end, coOrganizerId, url, refusal);
    }
}
