package org.teamstelehealth.notifications;

import java.time.Clock;
import java.util.UUID;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The templates table in Azurite, a fresh table per test (the overrides are one partition). */
class TableTemplateStoreTest extends TemplateStoreContract {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());

    @Override
    protected TemplateStore newStore() {
        String table = "templates" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new TableTemplateStore(() -> STORAGE.table(table), Clock.systemUTC());
    }
}
