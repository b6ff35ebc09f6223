package org.teamstelehealth.access;

import com.azure.data.tables.TableClient;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The audit table in Azurite, a fresh table per test. */
class TableAuditLogTest extends AuditLogContract {
    private static StorageClients storage;

    @Override
    protected AuditLog newLog() {
        synchronized (TableAuditLogTest.class) {
            if (storage == null) {
                storage = new StorageClients(TestSettings.settings().storage());
            }
        }
        TableClient table = storage.table("audit" + System.nanoTime());
        return new TableAuditLog(() -> table);
    }
}
