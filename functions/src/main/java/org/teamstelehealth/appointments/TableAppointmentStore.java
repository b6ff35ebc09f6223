package org.teamstelehealth.appointments;

import static org.teamstelehealth.platform.TableKeys.escape;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.Concurrently;
import org.teamstelehealth.platform.Json;
import org.teamstelehealth.platform.TableKeys;
import org.teamstelehealth.platform.Tables;

/**
 * {@link AppointmentStore} on Table Storage.
 *
 * <ul>
 *   <li>{@value #TABLE}: PartitionKey = appointment id, RowKey = "". The snapshot is JSON text, the rest columns
 *       ({@code LinkNonce} absent on rows written before join-link nonces existed).
 *   <li>{@value #SCHEDULE}: PartitionKey = provider id, RowKey = start (UTC, fixed width) + "_" + appointment id,
 *       holding the same fields, so a provider's feed is one partition range query. Moving the start deletes
 *       the old row; cancelled and deleted appointments keep theirs. Each partition also holds the provider's
 *       schedule change token ({@link ScheduleIndex}), written in the same transaction as its entries.
 *   <li>{@value #RETENTION}: PartitionKey = the UTC day (yyyy-MM-dd) the appointment's retention starts on
 *       ({@link Appointment#retainedFrom()}), RowKey = appointment id, no other columns; so the appointments due
 *       for purging are one PartitionKey range query. Each save moves the appointment's one entry. The same table
 *       holds the attention index ({@link AttentionIndex}: RowKeys beginning {@code %~}, which no escaped id can),
 *       written in the same transaction as the retention entry when both fall on one day.
 * </ul>
 *
 * The appointment row is the fence (ETag-conditional). The indexes are written from each version after its row
 * write succeeded, the schedule never over a newer version, so a later writer (whose row write came after ours)
 * leaves them describing its row.
 */
@Adapter
public final class TableAppointmentStore implements AppointmentStore {
    public static final String TABLE = "appointments";
    public static final String SCHEDULE = "schedule";
    public static final String RETENTION = "retention";
    /**
     * What {@link #forProvider} reads: not the pending intents (the largest columns after the snapshot) nor the Teams
     * URLs (JoinWebUrl, BrowserJoinUrl).
     */
    private static final List<String> FEED_COLUMNS = feedColumns();
    static final String ROW = "";
    private static final String SUPERSEDED = "W/\"superseded\"";
    /** Table string properties hold at most 32K UTF-16 characters; long JSON is split over numbered columns. */
    private static final int CHUNK = 30_000;
    private static final DateTimeFormatter START_KEY = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final String ATTENTION_FROM = AttentionIndex.FIRST_ROW;
    private static final String ATTENTION_TO = AttentionIndex.AFTER_LAST_ROW;

    /** Rows this instance has read or written, by ETag: an ETag names one version, so what it held never changes. */
    private static final int SEEN = 4096;

    private final Function<String, TableClient> tables;
    private final ScheduleIndex schedule;
    private final Map<String, Indexed> seen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Indexed> eldest) {
            return size() > SEEN;
        }
    };

    /** @param tables the named table, created on first use (e.g. {@code storage::table}) */
    public TableAppointmentStore(Function<String, TableClient> tables) {
        this.tables = tables;
        this.schedule = new ScheduleIndex(() -> tables.apply(SCHEDULE));
    }

    @Override
    public Optional<Appointment> find(String appointmentId) {
        return read(escape(appointmentId)).map(entity -> {
            Appointment found = fromEntity(entity);
            remember(entity.getETag(), new Indexed((String) entity.getProperty("ScheduleKey"),
                    (String) entity.getProperty("RetentionDay"), null, attentionKeys(found)));
            return found;
        });
    }

    /**
     * Writes the row (the fence), then, at once, the schedule entry (with its provider's change token) and the
     * retention and attention entries, from the row as written. Round trips are what a booking waits for, so: no read
     * before a conditional replace of a row this instance has seen at that ETag (the keys it held are remembered), no
     * read-back (the write's answer names the version written), and a write that changes nothing the indexes hold
     * (clearing pending intents) writes no index.
     */
    @Override
    public Appointment save(Appointment appointment) throws ConcurrentChangeException {
        String partition = escape(appointment.id());
        Indexed before = appointment.etag() == null ? null : indexedAt(partition, appointment);
        Indexed wanted = indexed(appointment);
        TableEntity entity = toEntity(partition, ROW, appointment)
                .addProperty("ScheduleKey", wanted.scheduleKey())
                .addProperty("RetentionDay", wanted.retentionDay());
        String written = write(entity, appointment);
        boolean indexesHoldIt = before != null && before.scheduleEntry() != null && before.equals(wanted);
        if (!indexesHoldIt) {
            // A later writer may have replaced the row meanwhile; its own save then writes its indexes after ours.
            String key = wanted.scheduleKey();
            Concurrently.run(() -> schedule.put(key, key == null ? null : scheduleEntry(key, appointment),
                            before == null ? null : before.scheduleKey(), appointment.version()),
                    () -> syncRetentionAndAttention(partition, appointment, before, wanted));
        }
        if (written == null) {
            // No ETag in the answer: an ETag that matches nothing makes our next write re-read first.
            return appointment.withEtag(SUPERSEDED);
        }
        remember(written, wanted);
        return appointment.withEtag(written);
    }

    /**
     * As {@link #save} of a row not yet stored (the same columns; the row, then the schedule entry and the retention
     * and attention entries at once), but with each write conditional on an ETag no row has ({@link #refused}), so
     * the storage refuses every one and nothing is written.
     */
    @Override
    public void rehearseSave(Appointment appointment) {
        String partition = escape(appointment.id());
        Indexed wanted = indexed(appointment);
        refused(tables.apply(TABLE), List.of(toEntity(partition, ROW, appointment)
                .addProperty("ScheduleKey", wanted.scheduleKey())
                .addProperty("RetentionDay", wanted.retentionDay())));
        List<TableEntity> retention = new ArrayList<>(List.of(new TableEntity(wanted.retentionDay(), partition)));
        retention.addAll(AttentionIndex.entries(appointment));
        Concurrently.run(() -> schedule.rehearsePut(scheduleEntry(wanted.scheduleKey(), appointment)),
                () -> refused(tables.apply(RETENTION), retention));
    }

    /** An ETag no row has: a write conditional on it is refused (404 where there is no row, 412 where there is). */
    private static final String NO_SUCH_ETAG = "W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\"";
    /** What the storage answers a write conditional on {@link #NO_SUCH_ETAG}, alone or in a transaction. */
    private static final Set<String> REFUSALS = Set.of("ResourceNotFound", "UpdateConditionNotSatisfied");

    /**
     * Sends the writes of {@code entities} as a save would (one transaction per partition, a single request for a
     * partition of one), each a replace conditional on {@link #NO_SUCH_ETAG}: refused whole, nothing written.
     */
    static void refused(TableClient table, List<TableEntity> entities) {
        Map<String, List<TableTransactionAction>> byPartition = new LinkedHashMap<>();
        for (TableEntity entity : entities) {
            entity.addProperty("odata.etag", NO_SUCH_ETAG);
            byPartition.computeIfAbsent(entity.getPartitionKey(), k -> new ArrayList<>())
                    .add(new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, entity, true));
        }
        for (List<TableTransactionAction> group : byPartition.values()) {
            try {
                if (group.size() > 1) {
                    table.submitTransaction(group);
                } else {
                    table.updateEntityWithResponse(group.get(0).getEntity(), TableEntityUpdateMode.REPLACE, true, null,
                            null);
                }
            } catch (TableServiceException e) {
                String code = e.getValue() == null ? null : String.valueOf(e.getValue().getErrorCode());
                if (REFUSALS.contains(code)) {
                    continue;
                }
                throw e;
            }
            throw new IllegalStateException("Storage accepted a write conditional on an ETag no row has, in " + table
                    .getTableName());
        }
    }

    /**
     * What the indexes hold for one version of a row.
     *
     * @param scheduleEntry the schedule entry's columns, or {@code null} when not known to be written
     * @param attentionKeys "PartitionKey/RowKey" of each of its attention entries
     */
    private record Indexed(String scheduleKey, String retentionDay, Map<String, Object> scheduleEntry,
            Set<String> attentionKeys) {}

    private Indexed indexed(Appointment appointment) {
        String key = scheduleKey(appointment);
        Map<String, Object> entry = key == null ? Map.of() : scheduleEntry(key, appointment).getProperties();
        return new Indexed(key, retentionDay(appointment), entry, attentionKeys(appointment));
    }

    /** The stored row's index keys at the appointment's ETag; the row is read only when this instance has not seen it. */
    private Indexed indexedAt(String partition, Appointment appointment) throws ConcurrentChangeException {
        Indexed known;
        synchronized (seen) {
            known = seen.get(appointment.etag());
        }
        if (known != null) {
            return known;
        }
        TableEntity stored = read(partition).orElseThrow(() -> new ConcurrentChangeException(appointment.id(), null));
        if (!appointment.etag().equals(stored.getETag())) {
            throw new ConcurrentChangeException(appointment.id(), null);
        }
        return new Indexed((String) stored.getProperty("ScheduleKey"), (String) stored.getProperty("RetentionDay"), null,
                attentionKeys(fromEntity(stored)));
    }

    /** Inserts or conditionally replaces the row; the ETag the write answered with, or {@code null} if it gave none. */
    private String write(TableEntity entity, Appointment appointment) throws ConcurrentChangeException {
        try {
            if (appointment.etag() == null) {
                return etag(tables.apply(TABLE).createEntityWithResponse(entity, null, null));
            }
            entity.addProperty("odata.etag", appointment.etag());
            return etag(tables.apply(TABLE).updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, null));
        } catch (TableServiceException e) {
            int status = e.getResponse().getStatusCode();
            if (status == 409 || status == 412 || status == 404) {
                throw new ConcurrentChangeException(appointment.id(), e);
            }
            throw e;
        }
    }

    /**
     * Azurite (3.x) answers writes with the ETag's closing quote missing ({@code W/"datetime'...'}); the service
     * sends it whole. Both are made the form reads return.
     */
    static String etag(Response<?> response) {
        String etag = response.getHeaders().getValue(HttpHeaderName.ETAG);
        if (etag == null || etag.isEmpty()) {
            return null;
        }
        return etag.chars().filter(c -> c == '"').count() % 2 == 1 ? etag + "\"" : etag;
    }

    private void remember(String etag, Indexed indexed) {
        synchronized (seen) {
            seen.put(etag, indexed);
        }
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
        return schedule.change(escape(providerId));
    }

    @Override
    public List<Retained> retainedBefore(LocalDate day) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter("PartitionKey lt '" + DAY.format(day) + "' and (RowKey lt '" + ATTENTION_FROM
                        + "' or RowKey ge '" + ATTENTION_TO + "')")
                .setSelect(List.of("PartitionKey", "RowKey"));
        List<Retained> found = new ArrayList<>();
        for (TableEntity entity : tables.apply(RETENTION).listEntities(options, null, null)) {
            if (AttentionIndex.isEntry(entity.getRowKey())) {
                continue;
            }
            found.add(new Retained(TableKeys.unescape(entity.getRowKey()), LocalDate.parse(entity.getPartitionKey())));
        }
        return found;
    }

    @Override
    public void purge(Retained entry) {
        String partition = escape(entry.appointmentId());
        Optional<TableEntity> row = read(partition);
        row.ifPresent(r -> apply(RETENTION, attentionKeys(fromEntity(r)).stream()
                .map(key -> new TableTransactionAction(TableTransactionActionType.DELETE, entityAt(key))).toList()));
        String scheduleKey = row.map(r -> (String) r.getProperty("ScheduleKey")).orElse(null);
        if (scheduleKey != null) {
            schedule.remove(scheduleKey);
        }
        // The index entry goes last: while it is there, the next run comes back to finish.
        deleteIfThere(TABLE, partition, ROW);
        deleteIfThere(RETENTION, DAY.format(entry.day()), partition);
    }

    /**
     * Keeps the one retention entry on the day the appointment names, and its attention entries ({@link AttentionIndex}).
     * Both live in the retention table so that the usual case, an attention entry on the retention entry's day, costs
     * no round trip of its own: they go in one transaction.
     */
    private void syncRetentionAndAttention(String partition, Appointment appointment, Indexed before, Indexed wanted) {
        List<TableTransactionAction> actions = new ArrayList<>();
        actions.add(new TableTransactionAction(TableTransactionActionType.UPSERT_MERGE,
                new TableEntity(wanted.retentionDay(), partition)));
        AttentionIndex.entries(appointment).forEach(entry ->
                actions.add(new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, entry)));
        if (before != null && before.retentionDay() != null && !before.retentionDay().equals(wanted.retentionDay())) {
            actions.add(new TableTransactionAction(TableTransactionActionType.DELETE,
                    new TableEntity(before.retentionDay(), partition)));
        }
        if (before != null) {
            Set<String> staleKeys = new LinkedHashSet<>(before.attentionKeys());
            staleKeys.removeAll(wanted.attentionKeys());
            staleKeys.forEach(stale -> actions.add(new TableTransactionAction(TableTransactionActionType.DELETE, entityAt(stale))));
        }
        apply(RETENTION, actions);
    }

    /**
     * Carries out {@code actions} with one round trip per partition they touch: one transaction, or the single
     * request when there is one. A transaction fails whole when an entry to delete is already gone; then each action
     * goes alone, deletes skipping what is gone.
     */
    private void apply(String table, List<TableTransactionAction> actions) {
        Map<String, List<TableTransactionAction>> byPartition = new LinkedHashMap<>();
        actions.forEach(action -> byPartition.computeIfAbsent(action.getEntity().getPartitionKey(), k -> new ArrayList<>())
                .add(action));
        for (List<TableTransactionAction> group : byPartition.values()) {
            if (group.size() > 1) {
                try {
                    tables.apply(table).submitTransaction(group);
                    continue;
                } catch (TableTransactionFailedException e) {
                    // one by one, below
                }
            }
            group.forEach(action -> applyOne(table, action));
        }
    }

    private void applyOne(String table, TableTransactionAction action) {
        TableEntity entity = action.getEntity();
        switch (action.getActionType()) {
            case DELETE -> deleteIfThere(table, entity.getPartitionKey(), entity.getRowKey());
            case UPSERT_REPLACE -> tables.apply(table).upsertEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, null, null);
            case UPSERT_MERGE -> tables.apply(table).upsertEntity(entity);
            default -> throw new IllegalArgumentException("Unexpected index action " + action.getActionType());
        }
    }

    private static Set<String> attentionKeys(Appointment appointment) {
        Set<String> keys = new HashSet<>();
        AttentionIndex.entries(appointment).forEach(entry -> keys.add(key(entry)));
        return keys;
    }

    private static String key(TableEntity entity) {
        return entity.getPartitionKey() + "/" + entity.getRowKey();
    }

    private static TableEntity entityAt(String key) {
        String[] parts = key.split("/", 2);
        return new TableEntity(parts[0], parts[1]);
    }

    @Override
    public Attention.Page needingAttention(Set<Attention> categories, Instant from, Instant to, int limit, String after) {
        return new AttentionIndex(tables.apply(RETENTION)).page(categories, from, to, limit, after);
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

    /** A schedule entry: the row's columns under the provider's key, without intents (the feed never needs them). */
    private static TableEntity scheduleEntry(String scheduleKey, Appointment appointment) {
        String[] parts = scheduleKey.split("/", 2);
        return toEntity(parts[0], parts[1], appointment.withoutPendingIntents().withoutPendingEvents());
    }

    private Optional<TableEntity> read(String partition) {
        return get(TABLE, partition, ROW);
    }

    private Optional<TableEntity> get(String table, String partition, String row) {
        return Tables.find(tables.apply(table), partition, row);
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
            if (m.browserJoinUrl() != null) {
                entity.addProperty("BrowserJoinUrl", m.browserJoinUrl());
            }
            if (m.browserJoinRefusal() != null) {
                entity.addProperty("BrowserJoinRefusal", m.browserJoinRefusal());
            }
        }
        putChunked(entity, "Snapshot", Json.write(a.snapshot()));
        if (!a.pendingIntents().isEmpty()) {
            putChunked(entity, "PendingIntents", Json.write(a.pendingIntents()));
        }
        if (!a.pendingEvents().isEmpty()) {
            putChunked(entity, "PendingEvents", Json.write(a.pendingEvents()));
        }
        if (a.eventSequence() > 0) {
            entity.addProperty("EventSequence", a.eventSequence());
        }
        if (a.patientResponse() != null) {
            entity.addProperty("PatientResponse", Json.write(a.patientResponse()));
        }
        if (a.attendance() != null) {
            entity.addProperty("Attendance", Json.write(a.attendance()));
        }
        if (a.deliveryFailure() != null) {
            entity.addProperty("DeliveryFailure", a.deliveryFailure());
        }
        return entity;
    }

    static Appointment fromEntity(TableEntity e) {
        Meeting meeting = e.getProperty("MeetingId") == null ? null : new Meeting(
                (String) e.getProperty("MeetingId"), (String) e.getProperty("OrganizerId"),
                (String) e.getProperty("JoinWebUrl"), instant(e.getProperty("MeetingStart")),
                instant(e.getProperty("MeetingEnd")), (String) e.getProperty("CoOrganizerId"),
                (String) e.getProperty("BrowserJoinUrl"), (String) e.getProperty("BrowserJoinRefusal"));
        String intents = getChunked(e, "PendingIntents");
        String events = getChunked(e, "PendingEvents");
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
                intents == null ? List.of() : readList(intents, new TypeReference<List<NotificationIntent>>() {}),
                // Rows from before incarnations were kept are in their first.
                e.getProperty("Incarnation") == null ? 0 : ((Number) e.getProperty("Incarnation")).intValue(),
                // Rows written before nonces existed have none: "" keeps the links already sent working.
                (String) e.getProperty("LinkNonce"),
                events == null ? List.of() : readList(events, new TypeReference<List<PmsEvent>>() {}),
                e.getProperty("EventSequence") == null ? 0 : ((Number) e.getProperty("EventSequence")).longValue(),
                e.getProperty("PatientResponse") == null ? null
                        : Json.read((String) e.getProperty("PatientResponse"), PatientResponse.class),
                e.getProperty("Attendance") == null ? null
                        : Json.read((String) e.getProperty("Attendance"), Attendance.class),
                (String) e.getProperty("DeliveryFailure"));
    }

    private static List<String> feedColumns() {
        List<String> columns = new ArrayList<>(List.of("AppointmentId", "Version", "Deleted", "Status", "Sequence",
                "Incarnation", "PatientNotified", "UpdatedAt", "FailureReason", "LinkNonce", "MeetingId", "OrganizerId",
                "MeetingStart", "MeetingEnd", "CoOrganizerId", "EventSequence", "PatientResponse", "Attendance", "Snapshot"));
        // A row holds at most 1 MiB: no snapshot has more chunks than these.
        for (int n = 1; n <= 1_048_576 / 2 / CHUNK; n++) {
            columns.add("Snapshot_" + n);
        }
        return List.copyOf(columns);
    }

    private static <T> List<T> readList(String json, TypeReference<List<T>> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable pending intents or events at " + e.getLocation(), null);
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
