package org.teamstelehealth.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AttendanceIndex} in memory: entries by day and appointment, tries kept apart as the table's merge keeps them. */
public final class InMemoryAttendanceIndex implements AttendanceIndex {
    private record Key(LocalDate day, String appointmentId) {}

    private record Row(Entry entry, Instant nextTry, int attempts) {}

    private final Map<Key, Row> rows = new ConcurrentHashMap<>();
    /** Day partitions read, for tests that count reads. */
    public final List<LocalDate> reads = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void follow(Entry entry) {
        rows.compute(new Key(entry.day(), entry.appointmentId()),
                (key, row) -> new Row(entry, row == null ? null : row.nextTry(), row == null ? 0 : row.attempts()));
    }

    @Override
    public void retry(LocalDate day, String appointmentId, Instant nextTry, int attempts) {
        rows.computeIfPresent(new Key(day, appointmentId), (key, row) -> new Row(row.entry(), nextTry, attempts));
    }

    @Override
    public void remove(LocalDate day, String appointmentId) {
        rows.remove(new Key(day, appointmentId));
    }

    @Override
    public List<Due> due(LocalDate day, Instant now) {
        reads.add(day);
        List<Due> due = new ArrayList<>();
        rows.forEach((key, row) -> {
            if (key.day().equals(day) && row.entry().due() != null && !row.entry().due().isAfter(now)) {
                due.add(new Due(row.entry(), row.nextTry(), row.attempts()));
            }
        });
        due.sort(Comparator.comparing(d -> d.entry().appointmentId()));
        return due;
    }

    @Override
    public List<Entry> day(LocalDate day) {
        reads.add(day);
        return rows.entrySet().stream().filter(e -> e.getKey().day().equals(day)).map(e -> e.getValue().entry())
                .sorted(Comparator.comparing(Entry::appointmentId)).toList();
    }
}
