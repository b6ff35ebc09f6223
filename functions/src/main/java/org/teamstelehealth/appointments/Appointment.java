package org.teamstelehealth.appointments;

import org.teamstelehealth.messages.Snapshot;
import java.time.Instant;
import java.util.List;
import org.teamstelehealth.messages.NotificationIntent;

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
 * @param pendingIntents notifications decided with this change but not yet known to be on the queue; saved with
 *     the change and cleared once enqueued, so a crash in between is repaired by the next delivery
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
        String etag,
        List<NotificationIntent> pendingIntents) {

    public Appointment {
        pendingIntents = pendingIntents == null ? List.of() : List.copyOf(pendingIntents);
    }

    /** Cancelled or deleted by the PMS: calendars show it as cancelled. */
    public boolean cancelled() {
        return deleted || snapshot.status() == Snapshot.Status.CANCELLED;
    }

    /** An appointment with no notifications pending. */
    public Appointment(String id, long version, Snapshot snapshot, boolean deleted, TelehealthStatus status,
            Meeting meeting, int sequence, boolean patientNotified, String failureReason, Instant updatedAt,
            String etag) {
        this(id, version, snapshot, deleted, status, meeting, sequence, patientNotified, failureReason, updatedAt,
                etag, List.of());
    }
}
