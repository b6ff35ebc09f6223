package org.teamstelehealth.appointments;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule for what a patient says about their appointment, from whichever channel: it is recorded with its PMS
 * event ({@value #CONFIRMED} or {@value #CANCELLATION_REQUESTED}, data {@code channel, at}) in the same row write,
 * through {@link AppointmentUpdates}. Saying again what was last said changes nothing (no second event); changing
 * one's mind records the new answer; a cancelled or no longer active appointment takes no answer; an answer older
 * than the one recorded (a late redelivery) is dropped. The service never cancels anything itself: the PMS decides.
 */
public final class PatientResponses {
    public static final String CONFIRMED = "patient.confirmed";
    public static final String CANCELLATION_REQUESTED = "patient.cancellation_requested";

    private final AppointmentUpdates updates;

    public PatientResponses(AppointmentUpdates updates) {
        this.updates = updates;
    }

    /**
     * @param channel {@code page} or {@code sms}
     * @param at when the patient said it
     * @return the appointment as it now is (empty when there is no such appointment)
     */
    public java.util.Optional<Appointment> record(String appointmentId, PatientResponse.Kind kind, String channel,
            Instant at) {
        return updates.update(appointmentId, appointment -> apply(appointment, kind, channel, at));
    }

    /** Whether {@code appointment} still takes answers: not cancelled, deleted, completed or marked not attended. */
    public static boolean answerable(Appointment appointment) {
        return appointment.snapshot() != null && !appointment.cancelled() && appointment.snapshot().status() != null
                && appointment.snapshot().status().active();
    }

    static Appointment apply(Appointment appointment, PatientResponse.Kind kind, String channel, Instant at) {
        PatientResponse current = appointment.patientResponse();
        if (!answerable(appointment) || current != null && (current.kind() == kind || current.at().isAfter(at))) {
            return appointment;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channel", channel);
        data.put("at", at.toString());
        return appointment.withPatientResponse(new PatientResponse(kind, at, channel))
                .withEvent(kind == PatientResponse.Kind.CONFIRMED ? CONFIRMED : CANCELLATION_REQUESTED, data, at);
    }
}
