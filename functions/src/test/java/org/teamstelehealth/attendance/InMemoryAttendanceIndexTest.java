package org.teamstelehealth.attendance;

class InMemoryAttendanceIndexTest extends AttendanceIndexContract {
    @Override
    protected AttendanceIndex newIndex() {
        return new InMemoryAttendanceIndex();
    }
}
