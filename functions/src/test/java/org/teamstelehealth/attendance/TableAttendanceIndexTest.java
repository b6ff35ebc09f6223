package org.teamstelehealth.attendance;

import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** The attendance index against Azurite. */
class TableAttendanceIndexTest extends AttendanceIndexContract {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());

    @Override
    protected AttendanceIndex newIndex() {
        return new TableAttendanceIndex(() -> STORAGE.table(TableAttendanceIndex.TABLE));
    }
}
