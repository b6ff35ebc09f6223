package org.teamstelehealth.join;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentStore;
import org.teamstelehealth.appointments.PatientResponse;
import org.teamstelehealth.appointments.PatientResponses;
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
 *
 * <p>The patient's link also takes their answer ({@link #respond}): the token in it is what authorises the answer,
 * as it authorises the join; the provider's link shows the same pages without the answer buttons and takes none.
 */
public final class JoinService {
    private static final JoinOutcome NOT_FOUND = new JoinOutcome.NotFound();

    private final AppointmentStore store;
    private final PatientResponses responses;
    private final JoinLinks links;
    private final JoinSettings settings;
    private final Clock clock;

    public JoinService(AppointmentStore store, PatientResponses responses, JoinLinks links, JoinSettings settings,
            Clock clock) {
        this.store = store;
        this.responses = responses;
        this.links = links;
        this.settings = settings;
        this.clock = clock;
    }

    public JoinOutcome join(JoinRequest request) {
        Instant now = clock.instant();
        return verified(request, now)
                .map(verified -> decide(verified.appointment(), verified.participant(), now))
                .orElse(NOT_FOUND);
    }

    /**
     * The patient's answer from the join page: recorded (with its PMS event) while the appointment is still to come,
     * then the page that says it was taken. Cancelled and ended appointments, and the provider's link, change
     * nothing and get the page a click would show.
     */
    public JoinOutcome respond(JoinRequest request, PatientResponse.Kind kind) {
        Instant now = clock.instant();
        Optional<Verified> verified = verified(request, now);
        if (verified.isEmpty()) {
            return NOT_FOUND;
        }
        Appointment appointment = verified.get().appointment();
        JoinOutcome shown = decide(appointment, verified.get().participant(), now);
        if (verified.get().participant() != Participant.PATIENT || shown instanceof JoinOutcome.Cancelled
                || shown instanceof JoinOutcome.Ended) {
            return shown;
        }
        Optional<Appointment> saved = responses.record(appointment.id(), kind, "page", now);
        if (saved.isEmpty() || !PatientResponses.answerable(saved.get())) {
            return saved.map(newest -> decide(newest, Participant.PATIENT, now)).orElse(NOT_FOUND);
        }
        Snapshot snapshot = saved.get().snapshot();
        return new JoinOutcome.Answered(saved.get().patientResponse().kind(),
                snapshot.start().atZoneSameInstant(snapshot.zone()), clinic(snapshot));
    }

    private record Verified(Appointment appointment, Participant participant) {}

    private Optional<Verified> verified(JoinRequest request, Instant now) {
        Optional<Participant> participant = participant(request);
        if (participant.isEmpty() || request.patientId() == null || request.appointmentId() == null
                || request.token() == null) {
            return Optional.empty();
        }
        return store.find(request.appointmentId())
                .filter(appointment -> belongsTo(appointment, request.patientId()))
                .filter(appointment -> links.verify(request.appointmentId(), request.patientId(), participant.get(),
                        appointment.linkNonce(), request.token()))
                .filter(appointment -> now.isBefore(appointment.snapshot().endInstant().plus(settings.validAfterEnd())))
                .map(appointment -> new Verified(appointment, participant.get()));
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
            PatientResponse said = appointment.patientResponse();
            return new JoinOutcome.TooEarly(opens.atZone(snapshot.zone()), startsAt,
                    Duration.between(now, opens), clinic, participant == Participant.PATIENT,
                    said == null ? null : said.kind());
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
