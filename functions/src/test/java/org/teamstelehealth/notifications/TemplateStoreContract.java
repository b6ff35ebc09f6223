package org.teamstelehealth.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TemplateStore} does; {@link InMemoryTemplateStoreTest} and {@link TableTemplateStoreTest} run it. */
abstract class TemplateStoreContract {
    private TemplateStore store;

    /** A store with no overrides. */
    protected abstract TemplateStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    @Test
    void overridesAreSavedReplacedAndRemoved() {
        assertEquals(Map.of(), store.overrides());

        store.save("sms-invitation", "Hi {{patient.given_name}}");
        store.save("email-invitation-subject", "Your appointment");
        store.save("sms-invitation", "Hello {{patient.given_name}}");
        store.remove("email-invitation-subject");
        store.remove("sms-update");

        assertEquals(Map.of("sms-invitation", "Hello {{patient.given_name}}"), store.overrides());
    }
}
