package org.teamstelehealth.appointments;

class InMemoryAppointmentStoreTest extends AppointmentStoreContract {
    @Override
    protected AppointmentStore newStore() {
        return new InMemoryAppointmentStore();
    }
}
