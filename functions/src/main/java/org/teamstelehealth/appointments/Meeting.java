package org.teamstelehealth.appointments;

import java.time.Instant;

/**
 * The Teams online meeting made for an appointment.
 *
 * @param meetingId Graph's onlineMeeting id (the seed's "external participant")
 * @param organizerId the Entra object id of the user who organises it
 * @param joinWebUrl the Teams join URL; never logged
 */
public record Meeting(String meetingId, String organizerId, String joinWebUrl, Instant start, Instant end) {}
