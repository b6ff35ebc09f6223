package org.teamstelehealth.attendance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.teamstelehealth.appointments.Attendance;

/**
 * The admin's attendance figures for a range of UTC days, per provider and in all: read from the
 * {@link AttendanceIndex}, one partition read per day (no scan of the appointments).
 */
public final class AttendanceSummary {
    /** Longest range asked for at once. */
    public static final int MAX_DAYS = 92;

    private final AttendanceIndex index;

    public AttendanceSummary(AttendanceIndex index) {
        this.index = index;
    }

    /**
     * One line of figures. Cancelled appointments are left out.
     *
     * @param providerId the PMS's provider id, or {@code null} for the line of all providers
     * @param appointments telehealth appointments starting in the range
     * @param ready those a Teams meeting was made for
     * @param pending meetings whose attendance is not recorded yet
     * @param medianPatientWaitMinutes over the attended appointments: the patient's wait for the provider
     * @param medianDurationMinutes over the attended appointments: the patient's minutes in the meeting
     */
    public record Line(String providerId, int appointments, int ready, int attended, int noShow, int providerAbsent,
            int unknown, int pending, Double medianPatientWaitMinutes, Double medianDurationMinutes) {}

    public record Summary(LocalDate from, LocalDate to, List<Line> providers, Line all) {}

    /** The days {@code from} to {@code to}, both included. */
    public Summary between(LocalDate from, LocalDate to) {
        Map<String, Tally> byProvider = new TreeMap<>();
        Tally all = new Tally();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (AttendanceIndex.Entry entry : index.day(day)) {
                if (entry.cancelled()) {
                    continue;
                }
                byProvider.computeIfAbsent(entry.providerId(), id -> new Tally()).add(entry);
                all.add(entry);
            }
        }
        List<Line> lines = new ArrayList<>();
        byProvider.forEach((provider, tally) -> lines.add(tally.line(provider)));
        return new Summary(from, to, lines, all.line(null));
    }

    private static final class Tally {
        int appointments;
        int ready;
        int attended;
        int noShow;
        int providerAbsent;
        int unknown;
        int pending;
        final List<Integer> waits = new ArrayList<>();
        final List<Integer> durations = new ArrayList<>();

        void add(AttendanceIndex.Entry entry) {
            appointments++;
            if (entry.ready()) {
                ready++;
            }
            Attendance a = entry.attendance();
            if (a == null) {
                if (entry.ready()) {
                    pending++;
                }
                return;
            }
            switch (a.outcome()) {
                case ATTENDED -> {
                    attended++;
                    if (a.patientWaitMinutes() != null) {
                        waits.add(a.patientWaitMinutes());
                    }
                    if (a.patient() != null) {
                        durations.add(a.patient().minutes());
                    }
                }
                case NO_SHOW -> noShow++;
                case PROVIDER_ABSENT -> providerAbsent++;
                case UNKNOWN -> unknown++;
            }
        }

        Line line(String provider) {
            return new Line(provider, appointments, ready, attended, noShow, providerAbsent, unknown, pending,
                    median(waits), median(durations));
        }
    }

    static Double median(List<Integer> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Integer> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
