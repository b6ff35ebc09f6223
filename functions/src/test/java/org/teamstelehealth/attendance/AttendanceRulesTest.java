package org.teamstelehealth.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.appointments.Attendance;
import org.teamstelehealth.appointments.Attendance.Outcome;
import org.teamstelehealth.appointments.Meeting;

class AttendanceRulesTest {
    static final String TENANT = "11111111-1111-4111-8111-111111111111";
    static final String PROVIDER = "3efbdd46-d280-4b0f-a414-1ff1f3dda63a";
    static final String FACILITATOR = "f0000000-0000-4000-8000-00000000000f";
    static final String NURSE = "a0000000-0000-4000-8000-00000000000a";
    static final Instant START = Instant.parse("2027-03-05T05:30:00Z");
    static final Instant NOW = Instant.parse("2027-03-05T06:20:00Z");

    private final AttendanceRules rules = new AttendanceRules(TENANT);
    private final Meeting providersMeeting = new Meeting("m-1", PROVIDER, "https://teams/x", START, START.plusSeconds(1800));
    private final Meeting facilitatorsMeeting = new Meeting("m-2", FACILITATOR, "https://teams/x", START,
            START.plusSeconds(1800), PROVIDER);

    /** An attendee in for {@code from} to {@code to} minutes past the start, then again for each further pair. */
    static Attendee attendee(String id, String tenantId, int... minutes) {
        List<Attendee.Interval> intervals = new ArrayList<>();
        for (int i = 0; i + 1 < minutes.length; i += 2) {
            intervals.add(new Attendee.Interval(START.plusSeconds(minutes[i] * 60L), START.plusSeconds(minutes[i + 1] * 60L),
                    (minutes[i + 1] - minutes[i]) * 60));
        }
        return new Attendee(id, tenantId, "Attendee", intervals, null);
    }

    @Test
    void bothJoinedIsAttendedWithTheirMinutesAndThePatientsWaitForTheProvider() {
        Attendance a = rules.judge(providersMeeting, List.of(attendee(PROVIDER, null, 4, 22),
                attendee(null, null, 1, 21)), NOW);

        assertEquals(Outcome.ATTENDED, a.outcome());
        assertTrue(a.providerJoined());
        assertTrue(a.patientJoined());
        assertEquals(18, a.provider().minutes());
        assertEquals(20, a.patient().minutes());
        assertEquals(3, a.patientWaitMinutes(), "in at 1, the provider at 4");
        assertEquals(START.plusSeconds(60), a.patient().firstJoin());
        assertEquals(START.plusSeconds(21 * 60), a.patient().lastLeave());
        assertEquals("attended 20 min", a.text());
        assertNull(a.reason());
    }

    @Test
    void aPatientWhoRejoinedHasEveryIntervalCountedAndTheFirstJoinAndLastLeave() {
        Attendance a = rules.judge(providersMeeting, List.of(attendee(PROVIDER, null, 0, 30),
                attendee(null, null, 2, 10, 12, 20)), NOW);

        assertEquals(16, a.patient().minutes());
        assertEquals(START.plusSeconds(120), a.patient().firstJoin());
        assertEquals(START.plusSeconds(1200), a.patient().lastLeave());
        assertEquals(0, a.patientWaitMinutes(), "the provider was there first");
    }

    @Test
    void theProviderWithNoPatientIsANoShow() {
        Attendance a = rules.judge(providersMeeting, List.of(attendee(PROVIDER, null, 0, 12)), NOW);

        assertEquals(Outcome.NO_SHOW, a.outcome());
        assertFalse(a.patientJoined());
        assertNull(a.patientWaitMinutes());
        assertEquals("no-show", a.text());
    }

    @Test
    void aColleagueOfTheClinicIsNotThePatient() {
        Attendance sameTenant = rules.judge(providersMeeting, List.of(attendee(PROVIDER, null, 0, 12),
                attendee(NURSE, TENANT, 0, 5), attendee(NURSE, null, 6, 8)), NOW);

        assertEquals(Outcome.NO_SHOW, sameTenant.outcome(), "a user of the clinic's tenant, with or without tenantId");
    }

    @Test
    void aGuestSignedInToAnotherTenantIsThePatient() {
        Attendance a = rules.judge(providersMeeting, List.of(attendee(PROVIDER, null, 0, 12),
                attendee("e0000000-0000-4000-8000-00000000000e", "99999999-9999-4999-8999-999999999999", 1, 11)), NOW);

        assertEquals(Outcome.ATTENDED, a.outcome());
    }

    @Test
    void theProviderNotJoiningIsProviderAbsentWhoeverElseCame() {
        Attendance a = rules.judge(providersMeeting, List.of(attendee(null, null, 0, 15)), NOW);

        assertEquals(Outcome.PROVIDER_ABSENT, a.outcome());
        assertFalse(a.providerJoined());
        assertTrue(a.patientJoined());
        assertNull(a.patientWaitMinutes());
    }

    @Test
    void severalGuestsAreReportedAsGuestsNotGuessed() {
        Attendance a = rules.judge(providersMeeting, List.of(attendee(PROVIDER, null, 0, 20),
                attendee(null, null, 1, 20), attendee(null, null, 2, 19)), NOW);

        assertEquals(Outcome.UNKNOWN, a.outcome());
        assertEquals(2, a.guests());
        assertNull(a.patientJoined(), "which of them is the patient is not known");
        assertNull(a.patient());
        assertTrue(a.reason().contains("2 guests"), a.reason());
        assertTrue(a.providerJoined());
    }

    @Test
    void inFacilitatorModeTheProviderIsTheCoOrganiserAndTheFacilitatorIsNeverThePatient() {
        Attendance a = rules.judge(facilitatorsMeeting, List.of(attendee(FACILITATOR, "", 0, 30),
                attendee(PROVIDER.toUpperCase(), null, 5, 25), attendee(null, null, 2, 25)), NOW);

        assertEquals(Outcome.ATTENDED, a.outcome());
        assertEquals(20, a.provider().minutes());
        assertEquals(3, a.patientWaitMinutes());
    }

    @Test
    void aFacilitatorAloneIsProviderAbsent() {
        Attendance a = rules.judge(facilitatorsMeeting, List.of(attendee(FACILITATOR, null, 0, 30)), NOW);

        assertEquals(Outcome.PROVIDER_ABSENT, a.outcome());
        assertFalse(a.patientJoined());
    }
}
