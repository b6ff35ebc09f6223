package org.teamstelehealth.notifications;

import java.util.Optional;
import org.teamstelehealth.appointments.Appointment;

/** Patients' phone numbers as the service keeps them: under their {@link PhoneKeys key}, in {@link SmsContacts}. */
public final class SmsNumbers {
    /** Why an SMS to an opted-out number was not sent, as the admin status shows it. */
    public static final String OPTED_OUT = "opted out: the patient's number replied STOP";

    private final SmsContacts contacts;
    private final PhoneKeys keys;

    public SmsNumbers(SmsContacts contacts, PhoneKeys keys) {
        this.contacts = contacts;
        this.keys = keys;
    }

    /** The number's storage key, empty when it is not an E.164 number. */
    public Optional<String> key(String phone) {
        return keys.of(phone);
    }

    /** Whether the number's newest STOP / START was a STOP. */
    public boolean optedOut(String phone) {
        return key(phone).flatMap(contacts::optOut).map(SmsContacts.OptOut::optedOut).orElse(false);
    }

    /** Remembers that the appointment's SMS go to this number, so a reply from it finds the appointment. */
    public void remember(String phone, String appointmentId) {
        key(phone).ifPresent(key -> contacts.remember(key, appointmentId));
    }

    /**
     * Forgets that the appointment's SMS went to its patient's number, as retention purges the appointment. Only the
     * number the row now holds: a number the patient had earlier keeps its entry (not known any more).
     *
     * @return how many entries were removed (at most 1)
     */
    public int forget(Appointment appointment) {
        String phone = appointment.snapshot() == null || appointment.snapshot().patient() == null ? null
                : appointment.snapshot().patient().mobilePhone();
        Optional<String> phoneKey = phone == null ? Optional.empty() : key(phone);
        phoneKey.ifPresent(k -> contacts.forget(k, appointment.id()));
        return phoneKey.isPresent() ? 1 : 0;
    }

    public SmsContacts contacts() {
        return contacts;
    }
}
