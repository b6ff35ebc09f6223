package org.teamstelehealth.secrets;

class InMemoryReminderLogTest extends ReminderLogContract {
    @Override
    protected ReminderLog newLog() {
        return new InMemoryReminderLog();
    }
}
