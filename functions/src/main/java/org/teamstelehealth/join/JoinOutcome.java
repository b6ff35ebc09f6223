package org.teamstelehealth.join;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.teamstelehealth.appointments.PatientResponse;

/**
 * What a join link leads to right now. Times are in the appointment's own time zone. Nothing here names the
 * patient: whoever holds the link (a forwarded message, a shared screen) sees these pages.
 */
public sealed interface JoinOutcome {

    /** Who to call about the appointment; either part may be {@code null}. */
    record Clinic(String name, String phone) {}

    /** Inside the join window with a meeting ready: straight to Teams. */
    record GoToMeeting(URI joinWebUrl) implements JoinOutcome {}

    /**
     * The link works but the join window has not opened yet.
     *
     * @param untilOpen how long until it opens, so a page left open can reload itself in time
     * @param answerable the patient's link: the page offers "Confirm" and "I can't make it"
     * @param answered what the patient last said, or {@code null}
     */
    record TooEarly(ZonedDateTime opensAt, ZonedDateTime startsAt, Duration untilOpen, Clinic clinic,
            boolean answerable, PatientResponse.Kind answered) implements JoinOutcome {}

    /** The patient's answer was taken (or had been already): confirmed, or the clinic will call about another time. */
    record Answered(PatientResponse.Kind kind, ZonedDateTime startsAt, Clinic clinic) implements JoinOutcome {}

    /** The join window has closed, or the appointment was completed or marked as not attended. */
    record Ended(ZonedDateTime startsAt, Clinic clinic) implements JoinOutcome {}

    /** The clinic cancelled (or deleted) the appointment. */
    record Cancelled(ZonedDateTime startsAt, Clinic clinic) implements JoinOutcome {}

    /** The meeting is still being made; the page refreshes itself. */
    record NotReady(ZonedDateTime startsAt, Clinic clinic) implements JoinOutcome {}

    /** There is no meeting to join (making it failed, or the appointment is no longer a video call). */
    record Unavailable(ZonedDateTime startsAt, Clinic clinic) implements JoinOutcome {}

    /** Unknown appointment, wrong patient or wrong token: deliberately indistinguishable. */
    record NotFound() implements JoinOutcome {}
}
