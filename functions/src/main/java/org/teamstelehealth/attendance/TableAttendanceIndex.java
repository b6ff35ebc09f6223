package org.teamstelehealth.attendance;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.teamstelehealth.appointments.Attendance;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.TableKeys;

/**
 * {@link AttendanceIndex} in the {@value #TABLE} table: PartitionKey = the UTC day the appointment starts
 * ({@code 2026-12-01}), RowKey = appointment id (escaped); columns ProviderId, Start, Due, Done, Ready, Cancelled,
 * Attendance (JSON, no patient datum; {@code ""} for none), and the tries' NextTry and Attempts. {@link #follow}
 * merges, so the tries survive the appointment's saves. The due scan is one query per day partition
 * ({@code Done eq false and Due le now}); the summary one query per day.
 */
@Adapter
public final class TableAttendanceIndex implements AttendanceIndex {
    public static final String TABLE = "attendance";

    private final Supplier<TableClient> table;

    public TableAttendanceIndex(Supplier<TableClient> table) {
        this.table = table;
    }

    @Override
    public void follow(Entry entry) {
        table.get().upsertEntity(new TableEntity(entry.day().toString(), TableKeys.escape(entry.appointmentId()))
                .addProperty("ProviderId", entry.providerId())
                .addProperty("Start", utc(entry.start()))
                .addProperty("Due", utc(entry.due() != null ? entry.due() : entry.start()))
                .addProperty("Done", entry.due() == null)
                .addProperty("Ready", entry.ready())
                .addProperty("Cancelled", entry.cancelled())
                .addProperty("Attendance", entry.attendance() == null ? "" : Json.write(entry.attendance())));
    }

    @Override
    public void retry(LocalDate day, String appointmentId, Instant nextTry, int attempts) {
        try {
            table.get().updateEntity(new TableEntity(day.toString(), TableKeys.escape(appointmentId))
                    .addProperty("NextTry", utc(nextTry)).addProperty("Attempts", attempts), TableEntityUpdateMode.MERGE);
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public void remove(LocalDate day, String appointmentId) {
        try {
            table.get().deleteEntity(day.toString(), TableKeys.escape(appointmentId));
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public List<Due> due(LocalDate day, Instant now) {
        String filter = "PartitionKey eq '" + day + "' and Done eq false and Due le datetime'" + now + "'";
        List<Due> found = new ArrayList<>();
        for (TableEntity entity : table.get().listEntities(new ListEntitiesOptions().setFilter(filter), null, null)) {
            Object attempts = entity.getProperty("Attempts");
            found.add(new Due(entry(entity), instant(entity.getProperty("NextTry")),
                    attempts == null ? 0 : ((Number) attempts).intValue()));
        }
        return found;
    }

    @Override
    public List<Entry> day(LocalDate day) {
        List<Entry> found = new ArrayList<>();
        for (TableEntity entity : table.get().listEntities(
                new ListEntitiesOptions().setFilter("PartitionKey eq '" + day + "'"), null, null)) {
            found.add(entry(entity));
        }
        return found;
    }

    private static Entry entry(TableEntity e) {
        String attendance = (String) e.getProperty("Attendance");
        boolean done = Boolean.TRUE.equals(e.getProperty("Done"));
        return new Entry(TableKeys.unescape(e.getRowKey()), LocalDate.parse(e.getPartitionKey()),
                (String) e.getProperty("ProviderId"), instant(e.getProperty("Start")),
                done ? null : instant(e.getProperty("Due")), Boolean.TRUE.equals(e.getProperty("Ready")),
                Boolean.TRUE.equals(e.getProperty("Cancelled")),
                attendance == null || attendance.isEmpty() ? null : Json.read(attendance, Attendance.class));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime time ? time.toInstant() : null;
    }
}
