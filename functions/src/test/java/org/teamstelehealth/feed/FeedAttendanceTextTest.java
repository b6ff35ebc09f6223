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
import org.teamstelehealth.appointments.Attendance;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.notifications.InMemoryTemplateStore;
import org.teamstelehealth.notifications.TemplateName;
import org.teamstelehealth.notifications.Templates;
import org.teamstelehealth.testing.Appointments;

/** A past appointment's event in the provider's feed says who attended, in the feed's own templates. */
class FeedAttendanceTextTest {
    private static final Instant AT = Instant.parse("2024-09-27T06:30:00Z");
    private final InMemoryTemplateStore store = new InMemoryTemplateStore();
    private final Templates templates = new Templates(store);
    private final JoinLinks joinLinks = new JoinLinks(new byte[32], URI.create("https://telehealth.example.org/api"));
    private final Appointment appointment = Appointments.ready("46", "2024-09-27T15:00:00+09:30");
    private final TemplatedEventText text = new TemplatedEventText(templates, joinLinks, Locale.forLanguageTag("en-AU"),
            Clock.fixed(AT, ZoneOffset.UTC), new ProviderEventText(joinLinks, FeedPatientName.GIVEN_FAMILY_INITIAL),
            FeedPatientName.GIVEN_FAMILY_INITIAL);

    private static Attendance attended(int minutes) {
        return new Attendance(Attendance.Outcome.ATTENDED, null, AT, true, true,
                new Attendance.Presence(AT, AT, minutes + 2), new Attendance.Presence(AT, AT, minutes), 1, null);
    }

    @Test
    void anAttendedAppointmentSaysForHowLong() {
        Appointment past = appointment.withAttendance(attended(18));

        assertEquals("Clintel T. – Telehealth (attended 18 min)", text.summary(past));
        assertTrue(text.description(past).contains("Attendance: attended 18 min"), text.description(past));
    }

    @Test
    void aNoShowSaysNoShowAndAnAppointmentNotYetReadSaysNothing() {
        Appointment noShow = appointment.withAttendance(new Attendance(Attendance.Outcome.NO_SHOW, null, AT, true, false,
                new Attendance.Presence(AT, AT, 10), null, null, null));

        assertEquals("Clintel T. – Telehealth (no-show)", text.summary(noShow));
        assertEquals("Clintel T. – Telehealth", text.summary(appointment));
        assertFalse(text.description(appointment).contains("Attendance"));
    }

    @Test
    void theClinicsOwnTemplateCanUseTheAttendanceFigures() throws Exception {
        templates.save(TemplateName.FEED_SUMMARY, "{{attendance.text}} / {{attendance.patient_wait_minutes}}");

        assertEquals("attended 18 min / 1", text.summary(appointment.withAttendance(attended(18))));
    }

    @Test
    void theFallbackTextSaysItToo() {
        ProviderEventText fallback = new ProviderEventText(joinLinks, FeedPatientName.GIVEN_FAMILY_INITIAL);
        Appointment past = appointment.withAttendance(attended(18));

        assertTrue(fallback.summary(past).endsWith("(attended 18 min)"), fallback.summary(past));
        assertTrue(fallback.description(past).contains("Attendance: attended 18 min"));
    }
}
