package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.notifications.SmsContacts.OptOut;

/** What every {@link SmsContacts} does; {@link InMemorySmsContactsTest} and {@link TableSmsContactsTest} run it. */
abstract class SmsContactsContract {
    private final SmsContacts contacts = newContacts();
    /** Each test its own number, so tests may share a table. */
    private final String phone = "key-" + UUID.randomUUID();
    private static final Instant AT = Instant.parse("2027-03-04T09:00:00Z");

    protected abstract SmsContacts newContacts();

    @Test
    void remembersEachAppointmentOfANumberOnceAndNoOtherNumbers() {
        contacts.remember(phone, "47");
        contacts.remember(phone, "47");
        contacts.remember(phone, "a/b#c?");
        contacts.remember("other-" + phone, "99");

        assertEquals(List.of("47", "a/b#c?"), contacts.appointments(phone).stream().sorted().toList());
        assertEquals(List.of(), contacts.appointments("nobody-" + phone));
    }

    @Test
    void forgettingAnAppointmentLeavesTheNumbersOtherAppointmentsAndItsOptOut() {
        contacts.remember(phone, "47");
        contacts.remember(phone, "a/b#c?");
        contacts.setOptOut(phone, new OptOut(true, AT));

        contacts.forget(phone, "a/b#c?");
        contacts.forget(phone, "never-remembered");
        contacts.forget("nobody-" + phone, "47");

        assertEquals(List.of("47"), contacts.appointments(phone));
        assertTrue(contacts.optOut(phone).orElseThrow().optedOut(), "STOP outlives the appointments");
    }

    @Test
    void theNewestOptOutOrOptInWinsWhateverOrderTheyArriveIn() {
        assertEquals(Optional.empty(), contacts.optOut(phone));

        contacts.setOptOut(phone, new OptOut(true, AT));
        assertEquals(Optional.of(new OptOut(true, AT)), contacts.optOut(phone));

        contacts.setOptOut(phone, new OptOut(false, AT.minusSeconds(60)));
        assertTrue(contacts.optOut(phone).orElseThrow().optedOut(), "an older START arriving late changes nothing");

        contacts.setOptOut(phone, new OptOut(false, AT.plusSeconds(60)));
        assertEquals(Optional.of(new OptOut(false, AT.plusSeconds(60))), contacts.optOut(phone));
    }

    @Test
    void aMarkIsTrueOnlyTheFirstTime() {
        assertFalse(contacts.marked(phone, "event:1"));

        assertTrue(contacts.mark(phone, "event:1", AT));
        assertFalse(contacts.mark(phone, "event:1", AT.plusSeconds(1)));
        assertTrue(contacts.marked(phone, "event:1"));
        assertFalse(contacts.marked(phone, "event:2"));
        assertFalse(contacts.marked("other-" + phone, "event:1"));
        assertEquals(List.of(), contacts.appointments(phone), "marks are not appointments");
    }
}
