package org.teamstelehealth.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.Meeting;
import org.teamstelehealth.appointments.TelehealthStatus;
import org.teamstelehealth.messages.Snapshot;

/** Stored appointments like the seed's: patient 12, provider Dr Victor Hong, Clintel Clinic in Adelaide. */
public final class Appointments {
    public static final String JOIN_URL = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_seed%40thread.v2/0";
    public static final String CLINIC_PHONE = "08 8123 4567";

    private Appointments() {}

    /** A ready telehealth appointment starting at {@code start} (an offset time in Adelaide). */
    public static Appointment ready(String id, String start) {
        OffsetDateTime startAt = OffsetDateTime.parse(start);
        Snapshot snapshot = snapshot(id, Snapshot.Status.BOOKED, startAt, "Clintel Test", "Victor Hong");
        Meeting meeting = new Meeting("meeting-" + id, "organiser-1", JOIN_URL,
                snapshot.startInstant(), snapshot.endInstant());
        return new Appointment(id, 1, snapshot, false, TelehealthStatus.READY, meeting, 0, true, null,
                Instant.parse("2024-09-01T00:00:00Z"), "etag-1", List.of(), 0, "nonce-" + id, List.of(), 0, null, null, null);
    }

    public static Snapshot snapshot(String id, Snapshot.Status status, OffsetDateTime start, String patientName,
            String providerName) {
        return new Snapshot(id, 1, status, start, 30, "Australia/Adelaide", "not for Teams",
                new Snapshot.AppointmentType("C", "Telehealth", "Consultation", true),
                new Snapshot.Patient("12", "000012", "Ms", "Clintel", "Test", patientName, "+61415100919",
                        "clintel@example.org", Snapshot.ContactPreference.BOTH),
                new Snapshot.Provider("7", "Dr " + providerName, "victor@clintel.example", null, null),
                new Snapshot.Location("3", "Clintel", "Clintel Clinic", "123 Example Street", null, "CANBERRA",
                        "ACT", "2600", CLINIC_PHONE),
                new Snapshot.Session("test", "Consultation"));
    }

    public static Appointment withStatus(Appointment a, TelehealthStatus status, Meeting meeting) {
        return a.withStatus(status).withMeeting(meeting);
    }

    public static Appointment withSnapshot(Appointment a, Snapshot snapshot, boolean deleted) {
        return new Appointment(a.id(), a.version() + 1, snapshot, deleted, a.status(), a.meeting(), a.sequence(),
                a.patientNotified(), a.failureReason(), a.updatedAt(), a.etag(), List.of(), a.incarnation(), a.linkNonce(), List.of(), 0, null, null, null);
    }

    public static Snapshot withStatus(Snapshot s, Snapshot.Status status) {
        return new Snapshot(s.id(), s.version() + 1, status, s.start(), s.durationMinutes(), s.timeZone(),
                s.comments(), s.appointmentType(), s.patient(), s.provider(), s.location(), s.session());
    }

    public static Snapshot withPatient(Snapshot s, Snapshot.Patient patient) {
        return new Snapshot(s.id(), s.version(), s.status(), s.start(), s.durationMinutes(), s.timeZone(),
                s.comments(), s.appointmentType(), patient, s.provider(), s.location(), s.session());
    }

    public static Snapshot withProvider(Snapshot s, Snapshot.Provider provider) {
        return new Snapshot(s.id(), s.version(), s.status(), s.start(), s.durationMinutes(), s.timeZone(),
                s.comments(), s.appointmentType(), s.patient(), provider, s.location(), s.session());
    }
}
