package org.teamstelehealth.reminders;

import com.azure.data.tables.TableClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The {@value TableReminderPlan#TABLE} table in Azurite, a fresh table per test. */
class TableReminderPlanTest extends ReminderPlanContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static StorageClients storage;

    @Override
    protected ReminderPlan newPlan() {
        TableClient table = freshTable();
        return new TableReminderPlan(() -> table);
    }

    private static synchronized TableClient freshTable() {
        if (storage == null) {
            storage = new StorageClients(TestSettings.settings().storage());
        }
        return storage.table("reminderplan" + System.nanoTime() % 1_000_000_000L + TABLES.incrementAndGet());
    }
}
