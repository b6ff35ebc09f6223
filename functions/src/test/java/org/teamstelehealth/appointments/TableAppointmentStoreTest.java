package org.teamstelehealth.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.testing.TestSettings;

/** The table adapter against Azurite: the contract, and the schedule rows it keeps. */
class TableAppointmentStoreTest extends AppointmentStoreContract {
    private static final StorageClients STORAGE = new StorageClients(TestSettings.settings().storage());

    @Override
    protected AppointmentStore newStore() {
        return new TableAppointmentStore(STORAGE::table);
    }

    @Test
    void aMovedAppointmentLeavesOneScheduleRowKeyedByStartAndId() throws Exception {
        Appointment v1 = store.save(appointment(snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED),
                null, null, List.of()));
        store.save(appointment(snapshot(2, "2027-03-05T16:40:00+10:30", 30, Snapshot.Status.BOOKED), null, v1.etag(),
                List.of()));

        List<TableEntity> rows = STORAGE.table(TableAppointmentStore.SCHEDULE).listEntities(
                new ListEntitiesOptions().setFilter("PartitionKey eq '" + provider + "' and RowKey ne '"
                        + ScheduleIndex.CHANGE_ROW + "'"), null, null).stream().toList();
        assertEquals(1, rows.size(), "the old start's row is gone");
        assertEquals("2027-03-05T06:10:00Z_" + id, rows.get(0).getRowKey());
    }

    @Test
    void aRowStoredBeforeLinkNoncesExistedReadsAsTheLegacyEmptyNonce() throws Exception {
        store.save(appointment(snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED), null, null,
                List.of()));
        TableEntity row = STORAGE.table(TableAppointmentStore.TABLE).getEntity(id, "");
        row.getProperties().remove("LinkNonce");
        STORAGE.table(TableAppointmentStore.TABLE).updateEntity(row, com.azure.data.tables.models.TableEntityUpdateMode.REPLACE);

        assertEquals("", store.find(id).orElseThrow().linkNonce());
    }
    private List<TableEntity> attentionEntries() {
        return STORAGE.table(TableAppointmentStore.RETENTION).listEntities(new ListEntitiesOptions()
                .setFilter("AppointmentId eq '" + id + "'"), null, null).stream()
                .filter(e -> e.getRowKey().startsWith("%~")).toList();
    }

    @Test
    void anAppointmentAcrossUtcMidnightHasItsAttentionEntryOnTheStartsDayAndItsRetentionEntryOnTheEndsDay()
            throws Exception {
        store.save(appointment(snapshot(1, "2027-03-05T23:50:00Z", 30, Snapshot.Status.BOOKED), null, null, List.of())
                .withStatus(TelehealthStatus.FAILED, "no licence", AppointmentStoreContract.NOW));

        assertEquals(java.util.Set.of("2027-03-05"), attentionEntries().stream().map(TableEntity::getPartitionKey)
                .collect(java.util.stream.Collectors.toSet()), "failed and unconfirmed, both on the start's day");
        assertEquals(List.of(new AppointmentStore.Retained(id, java.time.LocalDate.parse("2027-03-06"))),
                store.retainedBefore(java.time.LocalDate.parse("2027-03-07")).stream()
                        .filter(r -> r.appointmentId().equals(id)).toList());
    }

    @Test
    void anEntryAlreadyGoneDoesNotStopTheOthersFromBeingKeptInStep() throws Exception {
        Appointment failed = store.save(appointment(snapshot(1, "2027-03-05T10:00:00Z", 30, Snapshot.Status.BOOKED),
                null, null, List.of()).withStatus(TelehealthStatus.FAILED, "no licence", AppointmentStoreContract.NOW));
        TableEntity gone = attentionEntries().stream().filter(e -> "failed".equals(e.getProperty("Category")))
                .findFirst().orElseThrow();
        STORAGE.table(TableAppointmentStore.RETENTION).deleteEntity(gone.getPartitionKey(), gone.getRowKey());

        // The transaction deleting it fails whole (404); the entries are then kept one by one.
        store.save(failed.withStatus(TelehealthStatus.READY, null, AppointmentStoreContract.NOW)
                .withDeliveryFailure("SMS rejected"));

        assertEquals(java.util.Set.of("undelivered", "unconfirmed"), attentionEntries().stream()
                .map(e -> (String) e.getProperty("Category")).collect(java.util.stream.Collectors.toSet()));
    }

    private List<TableEntity> scheduleEntries() {
        return STORAGE.table(TableAppointmentStore.SCHEDULE).listEntities(new ListEntitiesOptions().setFilter(
                "PartitionKey eq '" + provider + "' and RowKey ne '" + ScheduleIndex.CHANGE_ROW + "'"), null, null)
                .stream().toList();
    }

    @Test
    void aMoveWhoseOldEntryIsAlreadyGoneStillWritesTheNewOneAndChangesTheToken() throws Exception {
        Appointment v1 = store.save(appointment(snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED),
                null, null, List.of()));
        STORAGE.table(TableAppointmentStore.SCHEDULE).deleteEntity(provider, "2027-03-05T05:30:00Z_" + id);
        String token = store.scheduleChange(provider);

        // The transaction deleting it fails whole (404); its actions are then done one by one.
        store.save(appointment(snapshot(2, "2027-03-05T16:40:00+10:30", 30, Snapshot.Status.BOOKED), null, v1.etag(),
                List.of()));

        assertEquals(List.of("2027-03-05T06:10:00Z_" + id), scheduleEntries().stream().map(TableEntity::getRowKey).toList());
        assertEquals(2L, ((Number) scheduleEntries().get(0).getProperty("Version")).longValue());
        org.junit.jupiter.api.Assertions.assertNotEquals(token, store.scheduleChange(provider));
    }

    @Test
    void aNewKeyAlreadyHoldingANewerVersionIsLeftAsItIs() throws Exception {
        Appointment v1 = store.save(appointment(snapshot(1, "2027-03-05T16:00:00+10:30", 30, Snapshot.Status.BOOKED),
                null, null, List.of()));
        // A later version's writer got to the new start's entry first.
        STORAGE.table(TableAppointmentStore.SCHEDULE).upsertEntity(new TableEntity(provider, "2027-03-05T06:10:00Z_" + id)
                .addProperty("AppointmentId", id).addProperty("Version", 3L));

        store.save(appointment(snapshot(2, "2027-03-05T16:40:00+10:30", 30, Snapshot.Status.BOOKED), null, v1.etag(),
                List.of()));

        assertEquals(List.of(3L), scheduleEntries().stream().map(e -> ((Number) e.getProperty("Version")).longValue())
                .toList(), "the newer entry stays, and the old start's is gone");
    }
}
