package org.teamstelehealth.notifications;

import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The deliveries table in Azurite. */
class TableDeliveryLogTest extends DeliveryLogContract {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());

    @Override
    protected DeliveryLog newLog() {
        return new TableDeliveryLog(() -> STORAGE.table(TableDeliveryLog.TABLE));
    }
}
