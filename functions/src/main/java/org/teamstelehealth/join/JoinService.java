package org.teamstelehealth.join;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentStore;
import org.teamstelehealth.appointments.Meeting;
import org.teamstelehealth.appointments.PatientJoin;
import org.teamstelehealth.appointments.TelehealthStatus;
import org.teamstelehealth.join.JoinLinks.Participant;
import org.teamstelehealth.join.JoinOutcome.Clinic;
import org.teamstelehealth.messages.Snapshot;

/**
 * Decides where a join link leads. The token is checked against the appointment's current link nonce, so the row
 * is read first; an unknown appointment, a wrong patient, a wrong or revoked token and a link more than
 * {@link JoinSettings#validAfterEnd()} past the appointment's current end all get the same {@code NotFound}. The
 * meeting's URL and the end are read at click time, so a link sent once keeps working when the appointment moves.
 */
public final class JoinService {
    private static final JoinOutcome NOT_FOUND = new JoinOutcome.NotFound();

    private final AppointmentStore store;
    private final JoinLinks links;
    private final JoinSettings settings;
    private final Clock clock;

    public JoinService(AppointmentStore store, JoinLinks links, JoinSettings settings, Clock clock) {
        this.store = store;
        this.links = links;
        this.settings = settings;
        this.clock = clock;
    }

    public JoinOutcome join(JoinRequest request) {
        Optional<Participant> participant = participant(request);
        if (participant.isEmpty() || request.patientId() == null || request.appointmentId() == null
                || request.token() == null) {
            return NOT_FOUND;
        }
        Instant now = clock.instant();
        return store.find(request.appointmentId())
                .filter(appointment -> belongsTo(appointment, request.patientId()))
                .filter(appointment -> links.verify(request.appointmentId(), request.patientId(), participant.get(),
                        appointment.linkNonce(), request.token()))
                .filter(appointment -> now.isBefore(appointment.snapshot().endInstant().plus(settings.validAfterEnd())))
                .map(appointment -> decide(appointment, participant.get(), now))
                .orElse(NOT_FOUND);
    }

    private JoinOutcome decide(Appointment appointment, Participant participant, Instant now) {
        Snapshot snapshot = appointment.snapshot();
        ZonedDateTime startsAt = snapshot.start().atZoneSameInstant(snapshot.zone());
        Clinic clinic = clinic(snapshot);
        if (appointment.cancelled()) {
            return new JoinOutcome.Cancelled(startsAt, clinic);
        }
        Instant opens = snapshot.startInstant().minus(settings.opensBefore());
        Instant closes = snapshot.endInstant().plus(settings.closesAfter());
        if (!snapshot.status().active() || !now.isBefore(closes)) {
            return new JoinOutcome.Ended(startsAt, clinic);
        }
        if (now.isBefore(opens)) {
            return new JoinOutcome.TooEarly(opens.atZone(snapshot.zone()), startsAt,
                    Duration.between(now, opens), clinic);
        }
        return meeting(appointment, participant)
                .<JoinOutcome>map(JoinOutcome.GoToMeeting::new)
                .orElseGet(() -> appointment.status() == TelehealthStatus.PENDING
                        ? new JoinOutcome.NotReady(startsAt, clinic)
                        : new JoinOutcome.Unavailable(startsAt, clinic));
    }

    /**
     * The meeting's Teams link; for the patient with {@code PATIENT_JOIN=browser}, its browser join link when Graph
     * gave one.
     */
    private Optional<URI> meeting(Appointment appointment, Participant participant) {
        Meeting meeting = appointment.meeting();
        if (appointment.status() != TelehealthStatus.READY || meeting == null || meeting.joinWebUrl() == null
                || !appointment.snapshot().wantsMeeting()) {
            return Optional.empty();
        }
        boolean browser = participant == Participant.PATIENT && settings.patientJoin() == PatientJoin.BROWSER
                && meeting.browserJoinUrl() != null;
        return Optional.of(URI.create(browser ? meeting.browserJoinUrl() : meeting.joinWebUrl()));
    }

    private static Optional<Participant> participant(JoinRequest request) {
        if (request.vendor() != null && !request.vendor().equals("teams")) {
            return Optional.empty();
        }
        if (request.participant() == null || request.participant().equals("patient")) {
            return Optional.of(Participant.PATIENT);
        }
        return request.participant().equals("provider") ? Optional.of(Participant.PROVIDER) : Optional.empty();
    }

    private static boolean belongsTo(Appointment appointment, String patientId) {
        Snapshot snapshot = appointment.snapshot();
        return snapshot != null && snapshot.patient() != null && snapshot.start() != null
                && patientId.equals(snapshot.patient().id());
    }

    private static Clinic clinic(Snapshot snapshot) {
        return snapshot.locationIfAny()
                .map(location -> new Clinic(location.displayNameOrDescription(), location.phone()))
                .orElse(new Clinic(null, null));
    }
}
