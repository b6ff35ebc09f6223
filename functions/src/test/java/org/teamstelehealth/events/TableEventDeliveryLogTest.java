package org.teamstelehealth.events;

import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The delivery log table in Azurite. */
class TableEventDeliveryLogTest extends EventDeliveryLogContract {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());

    @Override
    protected EventDeliveryLog newLog() {
        return new TableEventDeliveryLog(() -> STORAGE.table(TableEventDeliveryLog.TABLE));
    }
}
