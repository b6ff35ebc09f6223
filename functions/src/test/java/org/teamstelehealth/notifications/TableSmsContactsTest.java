package org.teamstelehealth.notifications;

import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The smscontacts table in Azurite. */
class TableSmsContactsTest extends SmsContactsContract {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());

    @Override
    protected SmsContacts newContacts() {
        return new TableSmsContacts(() -> STORAGE.table(TableSmsContacts.TABLE));
    }
}
