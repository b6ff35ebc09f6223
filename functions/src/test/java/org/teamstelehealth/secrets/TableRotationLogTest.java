package org.teamstelehealth.secrets;

import com.azure.data.tables.TableClient;

/** The rotations table in Azurite, a fresh table per test. */
class TableRotationLogTest extends RotationLogContract {
    @Override
    protected RotationLog newLog() {
        TableClient table = SecretsTestKit.freshTable("rotations");
        return new TableRotationLog(() -> table);
    }
}
