package org.teamstelehealth.notifications;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.TableKeys;

/** Template overrides in the {@value #TABLE} table: one partition, RowKey = template name ({@linkplain TableKeys escaped}). */
@Adapter
public final class TableTemplateStore implements TemplateStore {
    public static final String TABLE = "templates";
    private static final String PARTITION = "template";

    private final Supplier<TableClient> table;
    private final Clock clock;

    public TableTemplateStore(Supplier<TableClient> table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Map<String, String> overrides() {
        Map<String, String> sources = new HashMap<>();
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter("PartitionKey eq '" + PARTITION + "'");
        for (TableEntity entity : table.get().listEntities(options, null, null)) {
            Object source = entity.getProperty("Source");
            if (source instanceof String text) {
                sources.put(TableKeys.unescape(entity.getRowKey()), text);
            }
        }
        return sources;
    }

    @Override
    public void save(String name, String source) {
        TableEntity entity = new TableEntity(PARTITION, TableKeys.escape(name))
                .addProperty("Source", source)
                .addProperty("UpdatedAt", clock.instant().toString());
        table.get().upsertEntity(entity);
    }

    @Override
    public void remove(String name) {
        try {
            table.get().deleteEntity(PARTITION, TableKeys.escape(name));
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e;
            }
        }
    }
}
