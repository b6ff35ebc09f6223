package org.teamstelehealth.appointments;

import java.time.Instant;

/**
 * One appointment as the service stores it: the newest snapshot applied, and what was done about it.
 *
 * @param version the highest snapshot version applied; older or equal versions change nothing
 * @param snapshot the newest full snapshot (a deletion keeps the last full one and sets {@code deleted})
 * @param deleted the PMS deleted the appointment
 * @param meeting the Teams meeting, or {@code null} while there is none
 * @param sequence iCalendar SEQUENCE: rises each time the appointment's time changes
 * @param patientNotified an invitation was sent, so a later cancellation must be told too
 * @param failureReason why the status is {@link TelehealthStatus#FAILED}, in words an admin can act on
 * @param etag the storage ETag this was read with; writes are conditional on it ({@code null} for new)
 */
public record Appointment(
        String id,
        long version,
        Snapshot snapshot,
        boolean deleted,
        TelehealthStatus status,
        Meeting meeting,
        int sequence,
        boolean patientNotified,
        String failureReason,
        Instant updatedAt,
        String etag) {}
