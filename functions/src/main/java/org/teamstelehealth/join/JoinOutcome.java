package org.teamstelehealth.join;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;

/** What a join link leads to right now. Times are in the appointment's own time zone. */
public sealed interface JoinOutcome {

    /** Who to call about the appointment; either part may be {@code null}. */
    record Clinic(String name, String phone) {}

    /** Inside the join window with a meeting ready: straight to Teams. */
    record GoToMeeting(URI joinWebUrl) implements JoinOutcome {}

    /**
     * The link works but the join window has not opened yet.
     *
     * @param untilOpen how long until it opens, so a page left open can reload itself in time
     */
    record TooEarly(String givenName, ZonedDateTime opensAt, ZonedDateTime startsAt, Duration untilOpen, Clinic clinic)
            implements JoinOutcome {}

    /** The join window has closed, or the appointment was completed or marked as not attended. */
    record Ended(String givenName, ZonedDateTime startsAt, Clinic clinic) implements JoinOutcome {}

    /** The clinic cancelled (or deleted) the appointment. */
    record Cancelled(String givenName, ZonedDateTime startsAt, Clinic clinic) implements JoinOutcome {}

    /** The meeting is still being made; the page refreshes itself. */
    record NotReady(String givenName, ZonedDateTime startsAt, Clinic clinic) implements JoinOutcome {}

    /** There is no meeting to join (making it failed, or the appointment is no longer a video call). */
    record Unavailable(String givenName, ZonedDateTime startsAt, Clinic clinic) implements JoinOutcome {}

    /** Unknown appointment, wrong patient or wrong token: deliberately indistinguishable. */
    record NotFound() implements JoinOutcome {}
}
