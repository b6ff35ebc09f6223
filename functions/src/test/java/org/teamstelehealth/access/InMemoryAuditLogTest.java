package org.teamstelehealth.access;

class InMemoryAuditLogTest extends AuditLogContract {
    @Override
    protected AuditLog newLog() {
        return new InMemoryAuditLog();
    }
}
