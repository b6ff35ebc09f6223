package org.teamstelehealth.notifications;

class InMemoryDeliveryLogTest extends DeliveryLogContract {
    @Override
    protected DeliveryLog newLog() {
        return new InMemoryDeliveryLog();
    }
}
