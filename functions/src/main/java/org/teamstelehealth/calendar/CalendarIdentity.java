package org.teamstelehealth.calendar;

/** The one iCalendar UID per appointment, shared by the patient's invite and the provider's feed. */
public final class CalendarIdentity {
    private CalendarIdentity() {}

    public static String uid(String appointmentId) {
        return "appointment-" + appointmentId + "@teams-telehealth";
    }
}
