package org.teamstelehealth.appointments;

/** Where an appointment's Teams meeting stands, as an admin sees it. */
public enum TelehealthStatus {
    /** Not a telehealth appointment (or not active) and no meeting was ever made. */
    NOT_TELEHEALTH,
    /** Accepted; the meeting is being made or moved. */
    PENDING,
    /** The meeting exists and the join links work. */
    READY,
    /** Making, moving or removing the meeting failed for a reason an admin must act on. */
    FAILED,
    /** The meeting was deleted because the appointment stopped needing one. */
    REMOVED
}
