package org.teamstelehealth.notifications;

class InMemorySmsContactsTest extends SmsContactsContract {
    @Override
    protected SmsContacts newContacts() {
        return new InMemorySmsContacts();
    }
}
