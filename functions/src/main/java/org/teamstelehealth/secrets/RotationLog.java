package org.teamstelehealth.secrets;

import org.teamstelehealth.platform.Adapter;
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

/**
 * The {@code rotations} table: one row per rotation (partition = secret name, row = rotation id),
 * plus an {@code active} row naming the rotation in progress. Creating that row is the fence that
 * keeps two concurrent requests from rotating twice.
 */
@Adapter
public final class RotationLog {
    public static final String TABLE = "rotations";
    private static final String ACTIVE = "active";

    private final TableClient table;

    public RotationLog(TableClient table) {
        this.table = table;
    }

    /**
     * Makes {@code rotationId} the active rotation of the secret unless one already is, and takes
     * the lease on it: the right to run its steps until {@code leaseUntil}, or until
     * {@link #endLease}. Only one attempt holds the lease at a time, so two requests at once
     * cannot both add a password.
     *
     * @return the active rotation's id: {@code rotationId}, or the one already in progress
     * @throws RotationInProgressException when another attempt holds the lease
     */
    public String claim(String secretName, String rotationId, Instant now, Instant leaseUntil) {
        try {
            table.createEntity(new TableEntity(secretName, ACTIVE).addProperty("RotationId", rotationId)
                    .addProperty("LeaseUntil", utc(leaseUntil)));
            return rotationId;
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 409) {
                throw e;
            }
        }
        TableEntity active = table.getEntity(secretName, ACTIVE);
        String activeId = (String) active.getProperty("RotationId");
        Instant leased = instant(active, "LeaseUntil");
        if (leased != null && now.isBefore(leased)) {
            throw new RotationInProgressException(activeId, leased);
        }
        active.addProperty("LeaseUntil", utc(leaseUntil));
        try {
            table.updateEntityWithResponse(active, TableEntityUpdateMode.REPLACE, true, null, null);
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == 412 || e.getResponse().getStatusCode() == 404) {
                throw new RotationInProgressException(activeId, leaseUntil);
            }
            throw e;
        }
        return activeId;
    }

    /** Gives up the lease after an attempt, so a repeated request may resume the rotation at once. */
    public void endLease(String secretName, String rotationId) {
        Optional<TableEntity> active = entity(secretName, ACTIVE);
        if (active.isPresent() && rotationId.equals(active.get().getProperty("RotationId"))) {
            table.upsertEntityWithResponse(new TableEntity(secretName, ACTIVE).addProperty("RotationId", rotationId),
                    TableEntityUpdateMode.REPLACE, null, null);
        }
    }

    /** Ends the active rotation, so the next request starts a new one. */
    public void release(String secretName, String rotationId) {
        Optional<TableEntity> active = entity(secretName, ACTIVE);
        if (active.isPresent() && rotationId.equals(active.get().getProperty("RotationId"))) {
            table.deleteEntity(secretName, ACTIVE);
        }
    }

    public Optional<Rotation> find(String secretName, String rotationId) {
        return entity(secretName, rotationId).map(RotationLog::toRotation);
    }

    public void save(String secretName, Rotation rotation) {
        TableEntity entity = new TableEntity(secretName, rotation.id())
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
        table.upsertEntity(entity);
    }

    /** Rotations whose old password is still to be removed. */
    public List<Rotation> awaitingRemoval(String secretName) {
        String filter = "PartitionKey eq '" + secretName.replace("'", "''") + "' and State eq '"
                + Rotation.State.AWAITING_REMOVAL.name() + "'";
        return table.listEntities(new ListEntitiesOptions().setFilter(filter), null, null).stream()
                .map(RotationLog::toRotation).toList();
    }

    private Optional<TableEntity> entity(String partition, String row) {
        try {
            return Optional.of(table.getEntity(partition, row));
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Rotation toRotation(TableEntity entity) {
        return new Rotation(entity.getRowKey(),
                Rotation.State.valueOf((String) entity.getProperty("State")),
                (String) entity.getProperty("DisplayName"),
                instant(entity, "StartedAt"), instant(entity, "EndDateTime"),
                (String) entity.getProperty("ObjectId"),
                uuid(entity, "OldKeyId"), uuid(entity, "NewKeyId"),
                (String) entity.getProperty("SecretVersion"),
                instant(entity, "RemoveAfter"));
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
