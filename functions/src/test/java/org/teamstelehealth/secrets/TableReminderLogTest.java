package org.teamstelehealth.secrets;

import com.azure.data.tables.TableClient;

/** The reminders table in Azurite, a fresh table per test. */
class TableReminderLogTest extends ReminderLogContract {
    @Override
    protected ReminderLog newLog() {
        TableClient table = SecretsTestKit.freshTable("reminders");
        return new TableReminderLog(() -> table);
    }
}
