package org.teamstelehealth.meetings;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.TableKeys;

/** {@link DirectoryCache} in the {@value #TABLE} table: PartitionKey = lower-case UPN (escaped), RowKey = "". */
@Adapter
public final class TableDirectoryCache implements DirectoryCache {
    public static final String TABLE = "directory";

    private final Supplier<TableClient> table;

    public TableDirectoryCache(Supplier<TableClient> table) {
        this.table = table;
    }

    @Override
    public Optional<String> objectId(String userPrincipalName) {
        try {
            TableEntity entity = table.get().getEntity(key(userPrincipalName), "");
            return Optional.ofNullable((String) entity.getProperty("ObjectId"));
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void remember(String userPrincipalName, String objectId) {
        table.get().upsertEntity(new TableEntity(key(userPrincipalName), "").addProperty("ObjectId", objectId));
    }

    /** UPNs are case-insensitive; a guest's holds '#' ({@code ...#EXT#@...}), which keys may not. */
    private static String key(String upn) {
        return TableKeys.escape(upn.toLowerCase(Locale.ROOT));
    }
}
