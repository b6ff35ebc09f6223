package org.teamstelehealth.secrets;

class InMemoryRotationLogTest extends RotationLogContract {
    @Override
    protected RotationLog newLog() {
        return new InMemoryRotationLog();
    }
}
