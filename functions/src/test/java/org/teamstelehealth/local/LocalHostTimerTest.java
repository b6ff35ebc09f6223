package org.teamstelehealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.fixtures.TimerFixtures;
import org.teamstelehealth.testing.TestSettings;

/** A timer-triggered fake whose schedule comes from a setting, fired every second. */
class LocalHostTimerTest {

    @Test
    void aTimerFiresOnItsScheduleWithTimerInfo() throws Exception {
        Map<String, String> values = TestSettings.values();
        values.put("FLAKY_QUEUE_NAME", "local-flaky-timer");
        values.put("TICK_SCHEDULE", "* * * * * *");
        TimerFixtures.TICKS.clear();
        try (LocalHost host = LocalHost.start(LocalHostOptions.forTests(values)
                .packages("org.teamstelehealth.local.fixtures").includeTestClasses(true)
                .injector(FunctionInvoker::construct)
                .out(new PrintStream(OutputStream.nullOutputStream())))) {
            Instant deadline = Instant.now().plusSeconds(20);
            while (TimerFixtures.TICKS.size() < 3 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        }

        List<TimerFixtures.Tick> ticks = List.copyOf(TimerFixtures.TICKS);
        assertTrue(ticks.size() >= 3, "ticks: " + ticks.size());
        JsonNode info = new ObjectMapper().readTree(ticks.get(1).timerInfo());
        assertFalse(info.get("IsPastDue").asBoolean());
        Instant last = OffsetDateTime.parse(info.get("ScheduleStatus").get("Last").asText()).toInstant();
        Instant next = OffsetDateTime.parse(info.get("ScheduleStatus").get("Next").asText()).toInstant();
        assertEquals(Duration.ofSeconds(2), Duration.between(last, next), "Last and Next bracket this run, one second each side");
        assertEquals(0, next.getNano());
        Instant secondNext = OffsetDateTime.parse(new ObjectMapper().readTree(ticks.get(2).timerInfo())
                .get("ScheduleStatus").get("Next").asText()).toInstant();
        assertEquals(Duration.ofSeconds(1), Duration.between(next, secondNext), "consecutive runs are one second apart");
        assertTrue(ticks.get(2).at().isAfter(ticks.get(1).at()));
    }
}
