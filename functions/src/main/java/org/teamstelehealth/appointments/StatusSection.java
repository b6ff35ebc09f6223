package org.teamstelehealth.appointments;

/**
 * One named section of the admin's appointment status document ({@code GET manage/appointments/{id}}), e.g.
 * {@code participants}. Features add theirs (notifications adds {@code deliveries}) in the composition root.
 */
public interface StatusSection {
    /** The JSON property the section appears under. */
    String name();

    /** The section's JSON value (maps, lists, records) for this appointment, or {@code null} to leave it out. */
    Object describe(Appointment appointment);
}
