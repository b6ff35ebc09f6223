package org.teamstelehealth.secrets;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.TableKeys;
import org.teamstelehealth.platform.Tables;

/**
 * {@link ReminderLog} on the {@value #TABLE} table: one row per reminder sent (partition = secret name,
 * row = {@link ReminderLog#reminderId}), so each is sent once however often the timer runs.
 */
@Adapter
public final class TableReminderLog implements ReminderLog {
    public static final String TABLE = "reminders";

    private final Supplier<TableClient> table;

    /** @param table the {@value #TABLE} table, asked for on each use (so building this touches no storage) */
    public TableReminderLog(Supplier<TableClient> table) {
        this.table = table;
    }

    @Override
    public boolean sent(String secretName, Instant expiry, String threshold) {
        return Tables.find(table.get(), key(secretName), key(ReminderLog.reminderId(expiry, threshold))).isPresent();
    }

    @Override
    public void recordSent(String secretName, Instant expiry, String threshold, Instant sentAt, int recipients) {
        table.get().upsertEntity(new TableEntity(key(secretName), key(ReminderLog.reminderId(expiry, threshold)))
                .addProperty("Expiry", OffsetDateTime.ofInstant(expiry, ZoneOffset.UTC))
                .addProperty("Threshold", threshold)
                .addProperty("SentAt", OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC))
                .addProperty("Recipients", recipients));
    }

    private static String key(String id) {
        return TableKeys.escape(id);
    }
}
