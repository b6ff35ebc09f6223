package org.teamstelehealth.notifications;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.TableKeys;

/**
 * {@link SmsContacts} on the {@value #TABLE} table: PartitionKey = the phone key (base64url, a valid key as it is),
 * so everything about one number is one partition; RowKey {@code appointment:<id>}, {@code optout} or
 * {@code mark:<marker>} (ids {@linkplain TableKeys escaped}). No phone number, name or message text is stored.
 */
@Adapter
public final class TableSmsContacts implements SmsContacts {
    public static final String TABLE = "smscontacts";
    private static final String APPOINTMENT = "appointment:";
    /** The character after ':', so {@code RowKey lt} it ends the appointment rows. */
    private static final String AFTER_APPOINTMENTS = "appointment;";
    private static final String OPT_OUT = "optout";
    private static final String MARK = "mark:";
    private static final int MAX_ROUNDS = 8;

    private final Supplier<TableClient> table;

    public TableSmsContacts(Supplier<TableClient> table) {
        this.table = table;
    }

    @Override
    public void remember(String phoneKey, String appointmentId) {
        table.get().upsertEntity(new TableEntity(phoneKey, APPOINTMENT + TableKeys.escape(appointmentId)));
    }

    @Override
    public void forget(String phoneKey, String appointmentId) {
        try {
            table.get().deleteEntity(phoneKey, APPOINTMENT + TableKeys.escape(appointmentId));
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public List<String> appointments(String phoneKey) {
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter("PartitionKey eq '" + quote(phoneKey)
                + "' and RowKey ge '" + APPOINTMENT + "' and RowKey lt '" + AFTER_APPOINTMENTS + "'")
                .setSelect(List.of("RowKey"));
        List<String> ids = new ArrayList<>();
        for (TableEntity entity : table.get().listEntities(options, null, null)) {
            ids.add(TableKeys.unescape(entity.getRowKey().substring(APPOINTMENT.length())));
        }
        return ids;
    }

    @Override
    public Optional<OptOut> optOut(String phoneKey) {
        return row(phoneKey, OPT_OUT).map(entity -> new OptOut(Boolean.TRUE.equals(entity.getProperty("OptedOut")),
                instant(entity.getProperty("At"))));
    }

    /** Conditional on what was read (insert if none, ETag-matched replace if one), so the newer of two racing wins. */
    @Override
    public void setOptOut(String phoneKey, OptOut change) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<TableEntity> current = row(phoneKey, OPT_OUT);
            Instant currentAt = current.map(entity -> instant(entity.getProperty("At"))).orElse(null);
            if (currentAt != null && currentAt.isAfter(change.at())) {
                return;
            }
            TableEntity entity = new TableEntity(phoneKey, OPT_OUT)
                    .addProperty("OptedOut", change.optedOut())
                    .addProperty("At", OffsetDateTime.ofInstant(change.at(), ZoneOffset.UTC));
            try {
                if (current.isEmpty()) {
                    table.get().createEntity(entity);
                } else {
                    entity.addProperty("odata.etag", current.get().getETag());
                    table.get().updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, null);
                }
                return;
            } catch (TableServiceException e) {
                int status = e.getResponse().getStatusCode();
                if (status != 409 && status != 412) {
                    throw e;
                }
                // someone wrote first: read again and compare with theirs
            }
        }
        throw new IllegalStateException("The opt-out row kept changing; Event Grid delivers the event again");
    }

    @Override
    public boolean marked(String phoneKey, String marker) {
        return row(phoneKey, MARK + TableKeys.escape(marker)).isPresent();
    }

    @Override
    public boolean mark(String phoneKey, String marker, Instant at) {
        try {
            table.get().createEntity(new TableEntity(phoneKey, MARK + TableKeys.escape(marker))
                    .addProperty("At", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)));
            return true;
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** A query, not a point read: a missing row is the common case and the SDK logs every 404 as an error. */
    private Optional<TableEntity> row(String phoneKey, String rowKey) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter("PartitionKey eq '" + quote(phoneKey) + "' and RowKey eq '" + quote(rowKey) + "'");
        for (TableEntity entity : table.get().listEntities(options, null, null)) {
            return Optional.of(entity);
        }
        return Optional.empty();
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime time ? time.toInstant() : null;
    }

    private static String quote(String value) {
        return value.replace("'", "''");
    }
}
