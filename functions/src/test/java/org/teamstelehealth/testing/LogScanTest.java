package org.teamstelehealth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogScanTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("project.root", "."), "contract", "examples");

    private LogScan scan() throws IOException {
        Map<String, Pattern> sensitive = new LinkedHashMap<>(LogScan.patterns());
        sensitive.putAll(LogScan.fromExamples(EXAMPLES));
        return new LogScan(sensitive);
    }

    @Test
    void findsThePatientDataAndSecretsTheTestsUseWithoutQuotingThem() throws IOException {
        List<String> hits = scan().scan("x-output.txt", List.of(
                "INFO: appointment 47 version 1: APPLIED",
                "WARNING: sending to +61415100919 failed",
                "FINE: Dear Clintel Test, your appointment",
                "INFO: mail to clintel.test@example.com",
                "INFO: GET /api/patients/12/appointments/47/join_telehealth_session?token=AbCdEfGhIjKlMnOpQrSt",
                "INFO: secret " + TestSettings.WEBHOOK_SECRET,
                "INFO: joined https://teams.microsoft.com/l/meetup-join/19%3ameeting"));

        assertEquals(Set.of("x-output.txt:2: patient mobile_phone", "x-output.txt:3: patient name",
                "x-output.txt:4: patient email", "x-output.txt:5: token in a URL", "x-output.txt:6: webhook secret",
                "x-output.txt:6: test webhook secret", "x-output.txt:7: Teams join URL"), Set.copyOf(hits));
        assertFalse(String.join("\n", hits).contains("61415100919"), "a hit must not repeat the value");
    }

    @Test
    void passesWhatTheAppLogsAboutAnAppointment() throws IOException {
        assertTrue(scan().scan("x-output.txt", List.of(
                "INFO: appointment e2e-224185931476 version 1: APPLIED (attempt 0, dequeue 1)",
                "19:18:08.139 Executed 'intake' (Succeeded, Id=f0601345-6420-43f6-af55-ce89200e5ad9, Duration=12ms)",
                "join: [GET] http://localhost:36473/api/patients/{patientId}/appointments/{appointmentId}/join_telehealth_session",
                "INFO: SMS INVITATION-0-sms for appointment 47 sent (2 segments)")).isEmpty());
    }

    @Test
    void readsEveryOutputFileOfTheRun(@TempDir Path reports) throws IOException {
        Files.writeString(reports.resolve("a.BTest-output.txt"), "fine\n");
        Files.writeString(reports.resolve("a.CTest-output.txt"), "fine\nMRN 000012 of Ben Example\n");
        Files.writeString(reports.resolve("a.CTest.txt"), "Ben Example (a report, not output)\n");

        assertEquals(Set.of("a.CTest-output.txt:2: patient name", "a.CTest-output.txt:2: patient mrn"),
                Set.copyOf(scan().scanReports(reports)));
    }
}
