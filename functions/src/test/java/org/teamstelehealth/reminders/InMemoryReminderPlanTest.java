package org.teamstelehealth.reminders;

class InMemoryReminderPlanTest extends ReminderPlanContract {
    @Override
    protected ReminderPlan newPlan() {
        return new InMemoryReminderPlan();
    }
}
