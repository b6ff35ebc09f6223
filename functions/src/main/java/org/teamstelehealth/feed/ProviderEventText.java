package org.teamstelehealth.feed;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.Attendance;
import java.util.LinkedHashMap;
import java.util.Map;
import org.teamstelehealth.appointments.TelehealthStatus;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.Snapshot;

/**
 * The plain words for a provider's own calendar, when the feed's templates cannot be rendered: who
 * (as much of the name as {@link FeedPatientName} allows), what, where, and the provider's join link.
 * The PMS's free-text comments, the patient's contact details and MRN are left out: calendar apps
 * sync events to third parties.
 */
public final class ProviderEventText implements EventText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, h:mm a zzz",
            Locale.forLanguageTag("en-AU"));

    private final JoinLinks joinLinks;
    private final FeedPatientName patientName;

    public ProviderEventText(JoinLinks joinLinks, FeedPatientName patientName) {
        this.joinLinks = joinLinks;
        this.patientName = patientName;
    }

    @Override
    public String fingerprint() {
        return "provider-event-text\n" + patientName + "\n" + linkFingerprint(joinLinks);
    }

    /** A link made with the keys and base URL in force: an HMAC, so it says nothing of the key. */
    static String linkFingerprint(JoinLinks joinLinks) {
        return joinLinks.address("feed-fingerprint", "-", JoinLinks.Participant.PROVIDER, "");
    }

    @Override
    public String summary(Appointment appointment) {
        Snapshot snapshot = appointment.snapshot();
        String what = snapshot.appointmentType() == null ? "Appointment" : snapshot.appointmentType().description();
        String summary = patientName(snapshot) + " – " + what;
        if (appointment.attendance() != null && !appointment.cancelled()) {
            summary += " (" + appointment.attendance().text() + ")";
        }
        return appointment.cancelled() ? "Cancelled: " + summary : summary;
    }

    @Override
    public String description(Appointment appointment) {
        Snapshot snapshot = appointment.snapshot();
        List<String> lines = new ArrayList<>();
        lines.add("Status: " + status(appointment));
        if (appointment.attendance() != null && !appointment.cancelled()) {
            lines.add("Attendance: " + appointment.attendance().text());
        }
        lines.add("Patient: " + patientName(snapshot));
        if (snapshot.appointmentType() != null) {
            lines.add("Appointment type: " + snapshot.appointmentType().description());
        }
        lines.add("Time: " + TIME.format(snapshot.start().atZoneSameInstant(snapshot.zone())));
        snapshot.locationIfAny().ifPresent(location -> lines.add("Location: "
                + join(", ", location.displayName(), location.addressLine())));
        if (snapshot.session() != null && snapshot.session().name() != null) {
            lines.add("Session: " + snapshot.session().name());
        }
        if (!appointment.cancelled() && snapshot.wantsMeeting()) {
            lines.add("");
            lines.add(meetingLine(appointment));
        }
        return String.join("\n", lines);
    }

    private String meetingLine(Appointment appointment) {
        if (appointment.status() == TelehealthStatus.FAILED) {
            return "Microsoft Teams meeting: could not be made – see the telehealth status page";
        }
        return "Join Microsoft Teams: " + joinLinks.address(appointment.id(), appointment.snapshot().patient().id(),
                JoinLinks.Participant.PROVIDER, appointment.linkNonce());
    }


    /**
     * The feed templates' {@code attendance} variables once Graph's report was read: {@code text} ("attended 18 min",
     * "no-show", ...), {@code outcome}, {@code patient_minutes}, {@code provider_minutes}, {@code patient_wait_minutes}
     * (each only when known); {@code null} before, or for a cancelled appointment.
     */
    static Map<String, Object> attendance(Appointment appointment) {
        Attendance a = appointment.attendance();
        if (a == null || appointment.cancelled()) {
            return null;
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("text", a.text());
        model.put("outcome", a.outcome().wireName());
        if (a.patient() != null) {
            model.put("patient_minutes", a.patient().minutes());
        }
        if (a.provider() != null) {
            model.put("provider_minutes", a.provider().minutes());
        }
        if (a.patientWaitMinutes() != null) {
            model.put("patient_wait_minutes", a.patientWaitMinutes());
        }
        return model;
    }

    private static String status(Appointment appointment) {
        if (appointment.deleted()) {
            return "Deleted";
        }
        return appointment.snapshot().status().label();
    }

    private String patientName(Snapshot snapshot) {
        return patientName.shown(snapshot.patient());
    }

    private static String join(String separator, String... parts) {
        return Stream.of(parts).filter(Objects::nonNull).filter(s -> !s.isBlank()).collect(Collectors.joining(separator));
    }
}
