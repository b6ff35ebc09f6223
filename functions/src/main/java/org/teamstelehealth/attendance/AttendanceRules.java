package org.teamstelehealth.attendance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.teamstelehealth.appointments.Attendance;
import org.teamstelehealth.appointments.Attendance.Outcome;
import org.teamstelehealth.appointments.Attendance.Presence;
import org.teamstelehealth.appointments.Meeting;

/**
 * Who the attendance records say joined, and what that makes the appointment.
 *
 * <ul>
 *   <li>The provider is the attendee with the provider's Entra object id: the meeting's co-organiser in facilitator
 *       mode, else its organiser. The facilitator (the organiser in facilitator mode) is staff, never the patient.
 *   <li>The patient is the one attendee from outside the clinic's tenant: no object id (an anonymous guest joining
 *       from the link), or a tenant id that is present and not the clinic's (a guest signed in elsewhere). Graph
 *       shows {@code tenantId: null} for the organiser's own users, so an attendee with an object id and no tenant
 *       id counts as clinic staff (undocumented; what we assume). Several such guests are reported as guests: none
 *       is guessed to be the patient.
 *   <li>{@code attended}: both joined. {@code no_show}: the provider joined and no outsider did.
 *       {@code provider_absent}: the provider did not join (whoever else did). {@code unknown}: several outsiders
 *       joined and none can be told to be the patient.
 * </ul>
 */
public final class AttendanceRules {
    private final String clinicTenantId;

    /** @param clinicTenantId the clinic's Entra tenant id ({@code GRAPH_TENANT_ID}) */
    public AttendanceRules(String clinicTenantId) {
        this.clinicTenantId = clinicTenantId;
    }

    /** The outcome of a meeting whose reports hold {@code attendees} (at least one report was found). */
    public Attendance judge(Meeting meeting, List<Attendee> attendees, Instant now) {
        String providerId = meeting.coOrganizerId() != null ? meeting.coOrganizerId() : meeting.organizerId();
        String facilitatorId = meeting.coOrganizerId() != null ? meeting.organizerId() : null;
        List<Attendee.Interval> provider = new ArrayList<>();
        List<Attendee> guests = new ArrayList<>();
        for (Attendee attendee : attendees) {
            if (same(attendee.id(), providerId)) {
                provider.addAll(attendee.intervals());
            } else if (!same(attendee.id(), facilitatorId) && outsider(attendee)) {
                guests.add(attendee);
            }
        }
        Presence providerPresence = presence(provider);
        boolean providerJoined = providerPresence != null;
        if (guests.size() > 1) {
            Outcome outcome = providerJoined ? Outcome.UNKNOWN : Outcome.PROVIDER_ABSENT;
            String reason = providerJoined ? guests.size() + " guests from outside the clinic joined and none can be"
                    + " told to be the patient (Teams does not say which guest is who)" : null;
            return new Attendance(outcome, reason, now, providerJoined, null, providerPresence, null, null,
                    guests.size());
        }
        Presence patient = guests.isEmpty() ? null : presence(guests.get(0).intervals());
        boolean patientJoined = patient != null;
        Outcome outcome = !providerJoined ? Outcome.PROVIDER_ABSENT : patientJoined ? Outcome.ATTENDED : Outcome.NO_SHOW;
        return new Attendance(outcome, null, now, providerJoined, patientJoined, providerPresence, patient,
                providerJoined && patientJoined ? waitMinutes(patient, providerPresence) : null, null);
    }

    private boolean outsider(Attendee attendee) {
        if (attendee.id() == null || attendee.id().isBlank()) {
            return true;
        }
        return attendee.tenantId() != null && !attendee.tenantId().isBlank()
                && !attendee.tenantId().equalsIgnoreCase(clinicTenantId);
    }

    /** First join, last leave and minutes over all of someone's intervals; {@code null} when they never joined. */
    static Presence presence(List<Attendee.Interval> intervals) {
        List<Attendee.Interval> joined = intervals.stream().filter(i -> i.join() != null).toList();
        if (joined.isEmpty()) {
            return null;
        }
        Instant first = joined.stream().map(Attendee.Interval::join).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = joined.stream().map(Attendee.Interval::leave).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        long seconds = joined.stream().mapToLong(AttendanceRules::seconds).sum();
        return new Presence(first, last, Attendance.minutes(Duration.ofSeconds(seconds)));
    }

    private static long seconds(Attendee.Interval interval) {
        if (interval.seconds() != null) {
            return interval.seconds();
        }
        return interval.leave() == null ? 0 : Duration.between(interval.join(), interval.leave()).toSeconds();
    }

    /** From the patient's first join to the provider's, when the patient came first; else 0. */
    private static int waitMinutes(Presence patient, Presence provider) {
        return patient.firstJoin().isBefore(provider.firstJoin())
                ? Attendance.minutes(Duration.between(patient.firstJoin(), provider.firstJoin())) : 0;
    }

    private static boolean same(String id, String other) {
        return id != null && other != null && id.equalsIgnoreCase(other);
    }
}
