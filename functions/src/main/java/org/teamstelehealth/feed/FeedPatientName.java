package org.teamstelehealth.feed;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.teamstelehealth.messages.Snapshot;

/**
 * How much of the patient's name a provider's feed carries ({@code FEED_PATIENT_NAME}). Calendar
 * apps copy every event to Google or Microsoft, so by default the feed says just enough for the
 * provider to recognise the booking. Applied to the patient's name variables before any feed
 * template sees them, so an admin's own feed template cannot print more.
 */
public enum FeedPatientName {
    /** "Clintel Test": the PMS's display name, title, given and family name as sent. */
    FULL,
    /** "Clintel T.": the given name and the family name's initial; no title. The default. */
    GIVEN_FAMILY_INITIAL,
    /** "C. T.": initials only. */
    INITIALS,
    /** No name at all: the event shows the appointment type only. */
    NONE;

    /** The patient with their name cut down to this policy; everything else as it was. */
    Snapshot.Patient apply(Snapshot.Patient patient) {
        if (patient == null || this == FULL) {
            return patient;
        }
        String given = given(patient);
        String family = patient.familyName();
        String shownGiven = switch (this) {
            case GIVEN_FAMILY_INITIAL -> given;
            case INITIALS -> initial(given);
            default -> null;
        };
        String shownFamily = this == NONE ? null : initial(family);
        String shown = Stream.of(shownGiven, shownFamily).filter(part -> part != null)
                .collect(Collectors.joining(" "));
        return new Snapshot.Patient(patient.id(), patient.mrn(), null, shownGiven, shownFamily,
                shown.isEmpty() ? null : shown, patient.mobilePhone(), patient.email(), patient.contactPreference());
    }

    /** The name as a feed shows it, or "Patient" when it shows none. */
    String shown(Snapshot.Patient patient) {
        Snapshot.Patient applied = apply(patient);
        if (applied == null || applied.displayNameOrFullName().isBlank()) {
            return "Patient";
        }
        return applied.displayNameOrFullName();
    }

    /** The given name, or the display name's first word when the PMS sent no given name. */
    private static String given(Snapshot.Patient patient) {
        if (patient.givenName() != null && !patient.givenName().isBlank()) {
            return patient.givenName().strip();
        }
        String display = patient.displayName();
        return display == null || display.isBlank() ? null : display.strip().split("\\s+")[0];
    }

    private static String initial(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return new String(Character.toChars(name.strip().codePointAt(0))) + ".";
    }
}
