package org.teamstelehealth.feed;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Feed and join tokens travel in query strings because the Functions host's request telemetry drops the
 * query string (Azure/azure-webjobs-sdk#2609). host.json's {@code enableQueryStringTracing} (added by
 * Azure/azure-webjobs-sdk#3026, off by default) would record it: it must never be turned on.
 */
class HostTelemetryTest {

    @Test
    void hostJsonNeverTurnsOnQueryStringTracing() throws Exception {
        String hostJson = Files.readString(Path.of("host.json"));

        assertFalse(hostJson.toLowerCase(java.util.Locale.ROOT).contains("enablequerystringtracing"), hostJson);
    }
}
