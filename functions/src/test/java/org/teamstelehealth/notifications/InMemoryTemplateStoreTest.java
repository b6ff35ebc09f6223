package org.teamstelehealth.notifications;

class InMemoryTemplateStoreTest extends TemplateStoreContract {
    @Override
    protected TemplateStore newStore() {
        return new InMemoryTemplateStore();
    }
}
