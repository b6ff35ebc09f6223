package org.teamstelehealth.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.appointments.AppointmentStore;
import org.teamstelehealth.appointments.AppointmentUpdates;
import org.teamstelehealth.appointments.Attendance;
import org.teamstelehealth.appointments.Attendance.Outcome;
import org.teamstelehealth.appointments.MeetingException;

/**
 * Reads the attendance reports of meetings that have ended and records who joined, once per appointment.
 *
 * <ul>
 *   <li>Due: the meeting's scheduled end plus the settle delay ({@link AttendanceIndex}); a moved meeting's new end.
 *   <li>No report yet (an empty list): tried again with a doubling wait, until {@code giveUpAfter} past the first
 *       due time, then {@code unknown}. Throttling and outages wait the same way (Retry-After when Graph gives one).
 *   <li>403 (permission or Teams application access policy missing), 404 (no report kept): {@code unknown} with the
 *       reason, at once and once: waiting will not change the answer. Never a no-show.
 *   <li>Recorded through {@link AppointmentUpdates} with its PMS event in the same row write:
 *       {@code telehealth.attended}, {@code telehealth.no_show}, {@code telehealth.provider_absent} (nobody from
 *       the clinic showed), {@code telehealth.attendance_unknown}. An appointment that
 *       has one is left alone, so a second run records nothing.
 *   <li>Then the meeting, kept past the appointment's completion for its report, is deleted ({@link KeptMeetings}).
 * </ul>
 */
public final class AttendanceService {
    private static final Logger LOG = Logger.getLogger(AttendanceService.class.getName());
    /** Appointments read per run; the rest wait for the next (five minutes later). */
    static final int BATCH = 200;

    static final String NO_REPORT = "Graph had no attendance report for the meeting %d hours after it was due to end:"
            + " nobody may have joined, or attendance reports are switched off by the tenant's meeting policy"
            + " (Teams admin center > Meetings > Meeting policies > Attendance report)";
    static final String GONE = "Graph keeps no attendance report for this meeting (404): attendance reports may be"
            + " switched off by the tenant's meeting policy (Teams admin center > Meetings > Meeting policies >"
            + " Attendance report), or the meeting was deleted in Teams";

    private final AttendanceIndex index;
    private final AttendanceReports reports;
    private final AppointmentStore appointments;
    private final AppointmentUpdates updates;
    private final KeptMeetings keptMeetings;
    private final AttendanceRules rules;
    private final AttendanceSettings settings;

    public AttendanceService(AttendanceIndex index, AttendanceReports reports, AppointmentStore appointments,
            AppointmentUpdates updates, KeptMeetings keptMeetings, AttendanceRules rules, AttendanceSettings settings) {
        this.index = index;
        this.reports = reports;
        this.appointments = appointments;
        this.updates = updates;
        this.keptMeetings = keptMeetings;
        this.rules = rules;
        this.settings = settings;
    }

    /** What one run did. */
    public record Run(int recorded, int waiting, int skipped) {}

    /** Reads every report due by {@code now} (at most {@value #BATCH}). */
    public Run run(Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        int recorded = 0;
        int waiting = 0;
        int skipped = 0;
        int budget = BATCH;
        for (LocalDate day = today.minusDays(settings.lookbackDays()); !day.isAfter(today) && budget > 0;
                day = day.plusDays(1)) {
            for (AttendanceIndex.Due due : index.due(day, now)) {
                if (due.at().isAfter(now)) {
                    continue;
                }
                if (budget-- == 0) {
                    break;
                }
                switch (process(due, now)) {
                    case RECORDED -> recorded++;
                    case WAITING -> waiting++;
                    case SKIPPED -> skipped++;
                }
            }
        }
        return new Run(recorded, waiting, skipped);
    }

    enum Step { RECORDED, WAITING, SKIPPED }

    Step process(AttendanceIndex.Due due, Instant now) {
        AttendanceIndex.Entry indexed = due.entry();
        Optional<Appointment> found = appointments.find(indexed.appointmentId());
        AttendanceIndex.Entry current = found.map(a -> AppointmentFollower.entry(a, settings.settleDelay())).orElse(null);
        if (current == null || !current.day().equals(indexed.day())) {
            // Purged, or moved to another day (whose own entry the save wrote): this one describes nothing.
            index.remove(indexed.day(), indexed.appointmentId());
            return Step.SKIPPED;
        }
        Appointment appointment = found.get();
        if (appointment.attendance() != null) {
            // Recorded by an earlier run that stopped before it finished.
            return release(appointment, due, now);
        }
        if (current.due() == null || current.due().isAfter(now)) {
            index.follow(current);
            return Step.SKIPPED;
        }
        List<Attendee> attendees;
        try {
            attendees = reports.attendees(appointment.meeting().organizerId(), appointment.meeting().meetingId());
        } catch (ReportsException e) {
            return failed(appointment, current, due, e, now);
        }
        if (attendees.isEmpty()) {
            if (givenUp(current, now)) {
                return record(appointment, Attendance.unknown(
                        String.format(NO_REPORT, settings.giveUpAfter().toHours()), now), due, now);
            }
            return retry(current, due, settings.backoff(due.attempts()), now);
        }
        return record(appointment, rules.judge(appointment.meeting(), attendees, now), due, now);
    }

    private Step failed(Appointment appointment, AttendanceIndex.Entry current, AttendanceIndex.Due due,
            ReportsException e, Instant now) {
        return switch (e.kind()) {
            case TRANSIENT -> givenUp(current, now)
                    ? record(appointment, Attendance.unknown("Graph could not be read for "
                            + settings.giveUpAfter().toHours() + " hours after the meeting ended: " + e.getMessage(), now),
                            due, now)
                    : retry(current, due, e.retryAfter().orElse(settings.backoff(due.attempts())), now);
            case GONE -> record(appointment, Attendance.unknown(GONE, now), due, now);
            case REFUSED, PERMANENT -> record(appointment, Attendance.unknown(e.getMessage(), now), due, now);
        };
    }

    private boolean givenUp(AttendanceIndex.Entry current, Instant now) {
        return !now.isBefore(current.due().plus(settings.giveUpAfter()));
    }

    private Step retry(AttendanceIndex.Entry current, AttendanceIndex.Due due, java.time.Duration wait, Instant now) {
        index.follow(current);
        index.retry(current.day(), current.appointmentId(), now.plus(wait), due.attempts() + 1);
        return Step.WAITING;
    }

    private Step record(Appointment appointment, Attendance attendance, AttendanceIndex.Due due, Instant now) {
        Optional<Appointment> saved = updates.update(appointment.id(), a -> a.attendance() != null ? a
                : a.withAttendance(attendance).withEvent(eventType(attendance.outcome()), eventData(attendance), now));
        if (saved.isEmpty()) {
            index.remove(due.entry().day(), appointment.id());
            return Step.SKIPPED;
        }
        LOG.info(() -> "Appointment " + appointment.id() + " attendance: " + saved.get().attendance().outcome().wireName());
        release(saved.get(), due, now);
        return Step.RECORDED;
    }

    /** Deletes the meeting kept for its report; if Graph will not, the entry stays due and the next run tries. */
    private Step release(Appointment appointment, AttendanceIndex.Due due, Instant now) {
        try {
            keptMeetings.release(appointment.id(), now);
        } catch (MeetingException | RuntimeException e) {
            LOG.warning(() -> "Appointment " + appointment.id() + ": its kept meeting could not be deleted yet ("
                    + e.getMessage() + "); trying again");
            index.retry(due.entry().day(), appointment.id(), now.plus(settings.backoff(due.attempts())),
                    due.attempts() + 1);
            return Step.WAITING;
        }
        appointments.find(appointment.id()).map(a -> AppointmentFollower.entry(a, settings.settleDelay()))
                .ifPresent(index::follow);
        return Step.RECORDED;
    }

    /** Their minutes; 0 for someone known not to have joined; {@code null} when that is not known. */
    private static Integer minutes(Attendance.Presence presence, Boolean joined) {
        if (presence != null) {
            return presence.minutes();
        }
        return joined == null ? null : Integer.valueOf(0);
    }

    /** The PMS event for an outcome (common3 / contract/events). */
    static String eventType(Outcome outcome) {
        return switch (outcome) {
            case ATTENDED -> "telehealth.attended";
            case NO_SHOW -> "telehealth.no_show";
            // Its own type: a PMS reading only the type must not mark the patient did-not-attend.
            case PROVIDER_ABSENT -> "telehealth.provider_absent";
            case UNKNOWN -> "telehealth.attendance_unknown";
        };
    }

    /** {@code outcome, providerJoined, patientJoined, providerMinutes, patientMinutes, patientWaitMinutes[, reason]}. */
    static Map<String, Object> eventData(Attendance a) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("outcome", a.outcome().name());
        data.put("providerJoined", a.providerJoined());
        data.put("patientJoined", a.patientJoined());
        data.put("providerMinutes", minutes(a.provider(), a.providerJoined()));
        data.put("patientMinutes", minutes(a.patient(), a.patientJoined()));
        data.put("patientWaitMinutes", a.patientWaitMinutes());
        if (a.outcome() == Outcome.UNKNOWN) {
            data.put("reason", a.reason());
        }
        return data;
    }
}
