package org.teamstelehealth.appointments;

import static org.teamstelehealth.platform.TableKeys.escape;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.TableKeys;

/**
 * {@link AppointmentStore} on Table Storage.
 *
 * <ul>
 *   <li>{@value #TABLE}: PartitionKey = appointment id, RowKey = "". The snapshot is JSON text, the rest columns
 *       ({@code LinkNonce} absent on rows written before join-link nonces existed).
 *   <li>{@value #SCHEDULE}: PartitionKey = provider id, RowKey = start (UTC, fixed width) + "_" + appointment id,
 *       holding the same fields, so a provider's feed is one partition range query. Moving the start deletes
 *       the old row; cancelled and deleted appointments keep theirs.
 *   <li>{@value #RETENTION}: PartitionKey = the UTC day (yyyy-MM-dd) the appointment's retention starts on
 *       ({@link Appointment#retainedFrom()}), RowKey = appointment id, no other columns; so the appointments due
 *       for purging are one PartitionKey range query. Each save moves the appointment's one entry.
 * </ul>
 *
 * The appointment row is the fence (ETag-conditional). The schedule is rebuilt from the appointment row as read
 * back after each write, and never overwritten with an older version, so concurrent writers leave it describing
 * the newest row.
 */
@Adapter
public final class TableAppointmentStore implements AppointmentStore {
    public static final String TABLE = "appointments";
    public static final String SCHEDULE = "schedule";
    public static final String RETENTION = "retention";
    public static final String SCHEDULE_CHANGES = "schedulechanges";
    /** What {@link #forProvider} reads: not the pending intents (the largest columns after the snapshot) nor the Teams URL. */
    private static final List<String> FEED_COLUMNS = feedColumns();
    static final String ROW = "";
    private static final String SUPERSEDED = "W/\"superseded\"";
    /** Table string properties hold at most 32K UTF-16 characters; long JSON is split over numbered columns. */
    private static final int CHUNK = 30_000;
    private static final DateTimeFormatter START_KEY = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final Function<String, TableClient> tables;

    /** @param tables the named table, created on first use (e.g. {@code storage::table}) */
    public TableAppointmentStore(Function<String, TableClient> tables) {
        this.tables = tables;
    }

    @Override
    public Optional<Appointment> find(String appointmentId) {
        return read(escape(appointmentId)).map(TableAppointmentStore::fromEntity);
    }

    @Override
    public Appointment save(Appointment appointment) throws ConcurrentChangeException {
        String partition = escape(appointment.id());
        String previousScheduleKey = null;
        String previousRetentionDay = null;
        // Azurite does not return a usable ETag from writes: read the row back, and know it is ours by this id.
        String writeId = UUID.randomUUID().toString();
        TableEntity entity = toEntity(partition, ROW, appointment)
                .addProperty("ScheduleKey", scheduleKey(appointment))
                .addProperty("RetentionDay", retentionDay(appointment))
                .addProperty("WriteId", writeId);
        try {
            if (appointment.etag() == null) {
                tables.apply(TABLE).createEntity(entity);
            } else {
                TableEntity stored = read(partition).orElseThrow(() ->
                        new ConcurrentChangeException(appointment.id(), null));
                if (!appointment.etag().equals(stored.getETag())) {
                    throw new ConcurrentChangeException(appointment.id(), null);
                }
                previousScheduleKey = (String) stored.getProperty("ScheduleKey");
                previousRetentionDay = (String) stored.getProperty("RetentionDay");
                entity.addProperty("odata.etag", appointment.etag());
                tables.apply(TABLE).updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, null);
            }
        } catch (TableServiceException e) {
            int status = e.getResponse().getStatusCode();
            if (status == 409 || status == 412 || status == 404) {
                throw new ConcurrentChangeException(appointment.id(), e);
            }
            throw e;
        }
        TableEntity current = read(partition).orElse(null);
        boolean ours = current != null && writeId.equals(current.getProperty("WriteId"));
        syncSchedule(current, previousScheduleKey, scheduleKey(appointment));
        scheduleChanged(current == null ? null : (String) current.getProperty("ScheduleKey"), previousScheduleKey,
                scheduleKey(appointment));
        syncRetention(partition, current, previousRetentionDay, retentionDay(appointment));
        // Someone wrote after us: an ETag that matches nothing makes our next write re-read first.
        return appointment.withEtag(ours ? current.getETag() : SUPERSEDED);
    }

    @Override
    public List<Appointment> forProvider(String providerId, Instant from, Instant to) {
        String filter = "PartitionKey eq '" + odata(escape(providerId)) + "' and RowKey ge '" + START_KEY.format(from)
                + "' and RowKey lt '" + START_KEY.format(to) + "'";
        List<Appointment> found = new ArrayList<>();
        for (TableEntity entity : tables.apply(SCHEDULE).listEntities(
                new ListEntitiesOptions().setFilter(filter).setSelect(FEED_COLUMNS), null, null)) {
            found.add(fromEntity(entity).withEtag(null));
        }
        return found;
    }

    @Override
    public String scheduleChange(String providerId) {
        return get(SCHEDULE_CHANGES, escape(providerId), ROW).map(e -> (String) e.getProperty("Change")).orElse("none");
    }

    /** A new random token on each schedule partition touched: concurrent writers each leave a different one. */
    private void scheduleChanged(String... scheduleKeys) {
        java.util.Arrays.stream(scheduleKeys).filter(java.util.Objects::nonNull).map(key -> key.split("/", 2)[0])
                .distinct()
                .forEach(partition -> tables.apply(SCHEDULE_CHANGES).upsertEntity(new TableEntity(partition, ROW)
                        .addProperty("Change", UUID.randomUUID().toString())));
    }

    @Override
    public List<Retained> retainedBefore(LocalDate day) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter("PartitionKey lt '" + DAY.format(day) + "'")
                .setSelect(List.of("PartitionKey", "RowKey"));
        List<Retained> found = new ArrayList<>();
        for (TableEntity entity : tables.apply(RETENTION).listEntities(options, null, null)) {
            found.add(new Retained(TableKeys.unescape(entity.getRowKey()), LocalDate.parse(entity.getPartitionKey())));
        }
        return found;
    }

    @Override
    public void purge(Retained entry) {
        String partition = escape(entry.appointmentId());
        Optional<TableEntity> row = read(partition);
        String scheduleKey = row.map(r -> (String) r.getProperty("ScheduleKey")).orElse(null);
        if (scheduleKey != null) {
            String[] parts = scheduleKey.split("/", 2);
            deleteIfThere(SCHEDULE, parts[0], parts[1]);
            scheduleChanged(scheduleKey);
        }
        // The index entry goes last: while it is there, the next run comes back to finish.
        deleteIfThere(TABLE, partition, ROW);
        deleteIfThere(RETENTION, DAY.format(entry.day()), partition);
    }

    /** Keeps the one index entry on the day the appointment row, as it now is, names. */
    private void syncRetention(String partition, TableEntity current, String previousDay, String ourDay) {
        String currentDay = current == null ? null : (String) current.getProperty("RetentionDay");
        if (currentDay != null) {
            tables.apply(RETENTION).upsertEntity(new TableEntity(currentDay, partition));
        }
        for (String stale : new String[] {previousDay, ourDay}) {
            if (stale != null && !stale.equals(currentDay)) {
                deleteIfThere(RETENTION, stale, partition);
            }
        }
    }

    private void deleteIfThere(String table, String partition, String row) {
        try {
            tables.apply(table).deleteEntity(partition, row);
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    static String retentionDay(Appointment appointment) {
        return DAY.format(appointment.retainedFrom());
    }

    /** Makes the schedule describe the appointment row as it now is (which may already be a newer writer's). */
    private void syncSchedule(TableEntity current, String previousKey, String ourKey) {
        String currentKey = current == null ? null : (String) current.getProperty("ScheduleKey");
        if (currentKey != null) {
            String[] parts = currentKey.split("/", 2);
            Optional<TableEntity> indexed = readSchedule(parts[0], parts[1]);
            long currentVersion = ((Number) current.getProperty("Version")).longValue();
            if (indexed.isEmpty() || ((Number) indexed.get().getProperty("Version")).longValue() <= currentVersion) {
                TableEntity entry = toEntity(parts[0], parts[1], fromEntity(current));
                tables.apply(SCHEDULE).upsertEntity(entry);
            }
        }
        for (String stale : new String[] {previousKey, ourKey}) {
            if (stale != null && !stale.equals(currentKey)) {
                String[] parts = stale.split("/", 2);
                deleteIfThere(SCHEDULE, parts[0], parts[1]);
            }
        }
    }

    private Optional<TableEntity> read(String partition) {
        return get(TABLE, partition, ROW);
    }

    private Optional<TableEntity> readSchedule(String partition, String row) {
        return get(SCHEDULE, partition, row);
    }

    private Optional<TableEntity> get(String table, String partition, String row) {
        try {
            return Optional.of(tables.apply(table).getEntity(partition, row));
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** "provider/start_id", or {@code null} when the snapshot names no provider or start (a bare deletion). */
    static String scheduleKey(Appointment appointment) {
        Snapshot snapshot = appointment.snapshot();
        if (snapshot == null || snapshot.provider() == null || snapshot.start() == null) {
            return null;
        }
        return escape(snapshot.provider().id()) + "/" + START_KEY.format(snapshot.startInstant()) + "_" + escape(appointment.id());
    }

    private static TableEntity toEntity(String partition, String row, Appointment a) {
        TableEntity entity = new TableEntity(partition, row)
                .addProperty("AppointmentId", a.id())
                .addProperty("Version", a.version())
                .addProperty("Deleted", a.deleted())
                .addProperty("Status", a.status().name())
                .addProperty("Sequence", a.sequence())
                .addProperty("Incarnation", a.incarnation())
                .addProperty("PatientNotified", a.patientNotified())
                .addProperty("UpdatedAt", a.updatedAt().atOffset(ZoneOffset.UTC));
        if (a.failureReason() != null) {
            entity.addProperty("FailureReason", a.failureReason());
        }
        if (!a.linkNonce().isEmpty()) {
            entity.addProperty("LinkNonce", a.linkNonce());
        }
        Meeting m = a.meeting();
        if (m != null) {
            entity.addProperty("MeetingId", m.meetingId())
                    .addProperty("OrganizerId", m.organizerId())
                    .addProperty("JoinWebUrl", m.joinWebUrl())
                    .addProperty("MeetingStart", m.start().atOffset(ZoneOffset.UTC))
                    .addProperty("MeetingEnd", m.end().atOffset(ZoneOffset.UTC));
            if (m.coOrganizerId() != null) {
                entity.addProperty("CoOrganizerId", m.coOrganizerId());
            }
        }
        putChunked(entity, "Snapshot", Json.write(a.snapshot()));
        if (!a.pendingIntents().isEmpty()) {
            putChunked(entity, "PendingIntents", Json.write(a.pendingIntents()));
        }
        return entity;
    }

    private static Appointment fromEntity(TableEntity e) {
        Meeting meeting = e.getProperty("MeetingId") == null ? null : new Meeting(
                (String) e.getProperty("MeetingId"), (String) e.getProperty("OrganizerId"),
                (String) e.getProperty("JoinWebUrl"), instant(e.getProperty("MeetingStart")),
                instant(e.getProperty("MeetingEnd")), (String) e.getProperty("CoOrganizerId"));
        String intents = getChunked(e, "PendingIntents");
        return new Appointment(
                (String) e.getProperty("AppointmentId"),
                ((Number) e.getProperty("Version")).longValue(),
                Json.read(getChunked(e, "Snapshot"), Snapshot.class),
                Boolean.TRUE.equals(e.getProperty("Deleted")),
                TelehealthStatus.valueOf((String) e.getProperty("Status")),
                meeting,
                ((Number) e.getProperty("Sequence")).intValue(),
                Boolean.TRUE.equals(e.getProperty("PatientNotified")),
                (String) e.getProperty("FailureReason"),
                instant(e.getProperty("UpdatedAt")),
                e.getETag(),
                intents == null ? List.of() : readIntents(intents),
                // Rows from before incarnations were kept are in their first.
                e.getProperty("Incarnation") == null ? 0 : ((Number) e.getProperty("Incarnation")).intValue(),
                // Rows written before nonces existed have none: "" keeps the links already sent working.
                (String) e.getProperty("LinkNonce"));
    }

    private static List<String> feedColumns() {
        List<String> columns = new ArrayList<>(List.of("AppointmentId", "Version", "Deleted", "Status", "Sequence",
                "Incarnation", "PatientNotified", "UpdatedAt", "FailureReason", "LinkNonce", "MeetingId", "OrganizerId",
                "MeetingStart", "MeetingEnd", "CoOrganizerId", "Snapshot"));
        // A row holds at most 1 MiB: no snapshot has more chunks than these.
        for (int n = 1; n <= 1_048_576 / 2 / CHUNK; n++) {
            columns.add("Snapshot_" + n);
        }
        return List.copyOf(columns);
    }

    private static List<NotificationIntent> readIntents(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<NotificationIntent>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable pending intents at " + e.getLocation(), null);
        }
    }

    private static void putChunked(TableEntity entity, String name, String value) {
        for (int i = 0, n = 0; i < value.length(); i += CHUNK, n++) {
            entity.addProperty(n == 0 ? name : name + "_" + n, value.substring(i, Math.min(value.length(), i + CHUNK)));
        }
    }

    private static String getChunked(TableEntity entity, String name) {
        Object first = entity.getProperty(name);
        if (first == null) {
            return null;
        }
        StringBuilder value = new StringBuilder((String) first);
        for (int n = 1; entity.getProperty(name + "_" + n) != null; n++) {
            value.append((String) entity.getProperty(name + "_" + n));
        }
        return value.toString();
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((OffsetDateTime) value).toInstant();
    }

    private static String odata(String value) {
        return value.replace("'", "''");
    }
}
