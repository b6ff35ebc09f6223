package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Appointment;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.messages.Snapshot;
import org.teamstelehealth.notifications.InMemoryTemplateStore;
import org.teamstelehealth.notifications.Templates;
import org.teamstelehealth.testing.Appointments;

class TemplatedEventTextTest {
    private final InMemoryTemplateStore templates = new InMemoryTemplateStore();
    private final JoinLinks joinLinks = new JoinLinks(new byte[32], URI.create("https://telehealth.example.org/api"));
    private final TemplatedEventText text = new TemplatedEventText(new Templates(templates),
            joinLinks, Locale.forLanguageTag("en-AU"), Clock.fixed(Instant.parse("2024-09-20T00:00:00Z"), ZoneOffset.UTC),
            new ProviderEventText(joinLinks));

    @Test
    void theClinicsIcalTemplatesWordTheProvidersEventsWithTheProvidersOwnLink() {
        templates.save("ical-summary", "{{patient.title}} {{patient.given_name}} {{patient.family_name}} Appointment");
        Appointment appointment = Appointments.ready("46", "2024-09-27T15:00:00+09:30");

        assertEquals("Ms Clintel Test Appointment", text.summary(appointment));
        String description = text.description(appointment);
        String providerLink = joinLinks.link("46", "12", JoinLinks.Participant.PROVIDER, "nonce-46").toString();
        assertTrue(description.contains("Join: " + providerLink), description);
        assertTrue(description.contains("Date: 27/09/2024"), description);
        assertFalse(description.contains(joinLinks.link("46", "12", JoinLinks.Participant.PATIENT, "nonce-46").toString()),
                "the patient's own link is not the provider's to use");
    }

    @Test
    void aCancelledEventSaysSoAndCarriesNoJoinLink() {
        Appointment ready = Appointments.ready("46", "2024-09-27T15:00:00+09:30");
        Snapshot s = ready.snapshot();
        Appointment cancelled = Appointments.withSnapshot(ready, new Snapshot(s.id(), 2, Snapshot.Status.CANCELLED, s.start(),
                s.durationMinutes(), s.timeZone(), s.comments(), s.appointmentType(), s.patient(), s.provider(),
                s.location(), s.session()), false);

        assertTrue(text.summary(cancelled).startsWith("Cancelled: "), text.summary(cancelled));
        assertFalse(text.description(cancelled).contains("join_telehealth_session"), text.description(cancelled));
    }
}
