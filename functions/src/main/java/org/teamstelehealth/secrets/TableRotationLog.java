package org.teamstelehealth.secrets;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.TableKeys;
import org.teamstelehealth.platform.Tables;

/**
 * {@link RotationLog} on the {@value #TABLE} table: one row per rotation (partition = secret name,
 * row = rotation id), plus an {@value #ACTIVE} row naming the rotation in progress. Creating that row
 * is the fence that keeps two concurrent requests from rotating twice; its ETag fences the lease.
 */
@Adapter
public final class TableRotationLog implements RotationLog {
    public static final String TABLE = "rotations";
    static final String ACTIVE = "active";

    private final Supplier<TableClient> tables;

    /** @param table the {@value #TABLE} table, asked for on each use (so building this touches no storage) */
    public TableRotationLog(Supplier<TableClient> table) {
        this.tables = table;
    }

    @Override
    public String claim(String secretName, String rotationId, Instant now, Instant leaseUntil) {
        try {
            tables.get().createEntity(new TableEntity(key(secretName), ACTIVE).addProperty("RotationId", rotationId)
                    .addProperty("LeaseUntil", utc(leaseUntil)));
            return rotationId;
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 409) {
                throw e;
            }
        }
        TableEntity active = tables.get().getEntity(key(secretName), ACTIVE);
        String activeId = (String) active.getProperty("RotationId");
        Instant leased = instant(active, "LeaseUntil");
        if (leased != null && now.isBefore(leased)) {
            throw new RotationInProgressException(activeId, leased);
        }
        active.addProperty("LeaseUntil", utc(leaseUntil));
        try {
            tables.get().updateEntityWithResponse(active, TableEntityUpdateMode.REPLACE, true, null, null);
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == 412 || e.getResponse().getStatusCode() == 404) {
                throw new RotationInProgressException(activeId, leaseUntil);
            }
            throw e;
        }
        return activeId;
    }

    @Override
    public void endLease(String secretName, String rotationId) {
        Optional<TableEntity> active = entity(key(secretName), ACTIVE);
        if (active.isPresent() && rotationId.equals(active.get().getProperty("RotationId"))) {
            tables.get().upsertEntityWithResponse(new TableEntity(key(secretName), ACTIVE).addProperty("RotationId", rotationId),
                    TableEntityUpdateMode.REPLACE, null, null);
        }
    }

    @Override
    public void release(String secretName, String rotationId) {
        Optional<TableEntity> active = entity(key(secretName), ACTIVE);
        if (active.isPresent() && rotationId.equals(active.get().getProperty("RotationId"))) {
            tables.get().deleteEntity(key(secretName), ACTIVE);
        }
    }

    @Override
    public Optional<Rotation> find(String secretName, String rotationId) {
        return entity(key(secretName), key(rotationId)).map(TableRotationLog::toRotation);
    }

    @Override
    public void save(String secretName, Rotation rotation) {
        TableEntity entity = new TableEntity(key(secretName), key(rotation.id()))
                .addProperty("State", rotation.state().name())
                .addProperty("DisplayName", rotation.displayName())
                .addProperty("StartedAt", utc(rotation.startedAt()))
                .addProperty("EndDateTime", utc(rotation.endDateTime()))
                .addProperty("ObjectId", rotation.objectId());
        if (rotation.oldKeyId() != null) {
            entity.addProperty("OldKeyId", rotation.oldKeyId().toString());
        }
        if (rotation.newKeyId() != null) {
            entity.addProperty("NewKeyId", rotation.newKeyId().toString());
        }
        if (rotation.secretVersion() != null) {
            entity.addProperty("SecretVersion", rotation.secretVersion());
        }
        if (rotation.removeAfter() != null) {
            entity.addProperty("RemoveAfter", utc(rotation.removeAfter()));
        }
        tables.get().upsertEntity(entity);
    }

    @Override
    public List<Rotation> awaitingRemoval(String secretName) {
        String filter = "PartitionKey eq '" + key(secretName).replace("'", "''") + "' and State eq '"
                + Rotation.State.AWAITING_REMOVAL.name() + "'";
        return tables.get().listEntities(new ListEntitiesOptions().setFilter(filter), null, null).stream()
                .map(TableRotationLog::toRotation).toList();
    }

    private Optional<TableEntity> entity(String partition, String row) {
        return Tables.find(tables.get(), partition, row);
    }

    private static Rotation toRotation(TableEntity entity) {
        return new Rotation(TableKeys.unescape(entity.getRowKey()),
                Rotation.State.valueOf((String) entity.getProperty("State")),
                (String) entity.getProperty("DisplayName"),
                instant(entity, "StartedAt"), instant(entity, "EndDateTime"),
                (String) entity.getProperty("ObjectId"),
                uuid(entity, "OldKeyId"), uuid(entity, "NewKeyId"),
                (String) entity.getProperty("SecretVersion"),
                instant(entity, "RemoveAfter"));
    }

    private static String key(String id) {
        return TableKeys.escape(id);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(TableEntity entity, String property) {
        Object value = entity.getProperty(property);
        return value == null ? null : ((OffsetDateTime) value).toInstant();
    }

    private static UUID uuid(TableEntity entity, String property) {
        Object value = entity.getProperty(property);
        return value == null ? null : UUID.fromString((String) value);
    }
}
