package org.teamstelehealth.secrets;

import org.teamstelehealth.platform.Adapter;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The {@code reminders} table: one row per reminder sent (partition = secret name, row = expiry +
 * threshold), so each is sent once however often the timer runs.
 */
@Adapter
public final class ReminderLog {
    public static final String TABLE = "reminders";

    private final TableClient table;

    public ReminderLog(TableClient table) {
        this.table = table;
    }

    public boolean sent(String secretName, Instant expiry, String threshold) {
        try {
            table.getEntity(secretName, rowKey(expiry, threshold));
            return true;
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    public void recordSent(String secretName, Instant expiry, String threshold, Instant sentAt, int recipients) {
        table.upsertEntity(new TableEntity(secretName, rowKey(expiry, threshold))
                .addProperty("Expiry", OffsetDateTime.ofInstant(expiry, ZoneOffset.UTC))
                .addProperty("Threshold", threshold)
                .addProperty("SentAt", OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC))
                .addProperty("Recipients", recipients));
    }

    static String rowKey(Instant expiry, String threshold) {
        return expiry.getEpochSecond() + "_" + threshold;
    }
}
