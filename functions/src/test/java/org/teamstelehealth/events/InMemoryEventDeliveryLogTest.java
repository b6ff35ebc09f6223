package org.teamstelehealth.events;

class InMemoryEventDeliveryLogTest extends EventDeliveryLogContract {
    @Override
    protected EventDeliveryLog newLog() {
        return new InMemoryEventDeliveryLog();
    }
}
