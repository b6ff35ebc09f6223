package org.teamstelehealth.meetings;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.TableKeys;
import org.teamstelehealth.platform.Tables;

/**
 * {@link DirectoryCache} in the {@value #TABLE} table: PartitionKey = lower-case UPN or object id (escaped),
 * RowKey = "", columns ObjectId and UserPrincipalName. Rows written before UserPrincipalName was kept are keyed by
 * the UPN, so the key is the UPN they lack.
 */
@Adapter
public final class TableDirectoryCache implements DirectoryCache {
    public static final String TABLE = "directory";

    private final Supplier<TableClient> table;

    public TableDirectoryCache(Supplier<TableClient> table) {
        this.table = table;
    }

    @Override
    public Optional<DirectoryUser> user(String objectIdOrUpn) {
        return Tables.find(table.get(), key(objectIdOrUpn), "").flatMap(entity -> user(entity, objectIdOrUpn));
    }

    private static Optional<DirectoryUser> user(TableEntity entity, String objectIdOrUpn) {
        String objectId = (String) entity.getProperty("ObjectId");
        String upn = (String) entity.getProperty("UserPrincipalName");
        if (upn == null && !objectIdOrUpn.equalsIgnoreCase(objectId)) {
            upn = objectIdOrUpn;
        }
        return objectId == null ? Optional.empty() : Optional.of(new DirectoryUser(objectId, upn));
    }

    @Override
    public void remember(DirectoryUser user) {
        for (String key : new String[] {user.objectId(), user.userPrincipalName()}) {
            if (key != null) {
                table.get().upsertEntity(new TableEntity(key(key), "")
                        .addProperty("ObjectId", user.objectId())
                        .addProperty("UserPrincipalName", user.userPrincipalName()));
            }
        }
    }

    /** UPNs are case-insensitive; a guest's holds '#' ({@code ...#EXT#@...}), which keys may not. */
    private static String key(String objectIdOrUpn) {
        return TableKeys.escape(objectIdOrUpn.toLowerCase(Locale.ROOT));
    }
}
