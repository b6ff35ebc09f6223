package org.teamstelehealth.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.local.Azurite;
import org.teamstelehealth.platform.SettingsException;
import org.teamstelehealth.platform.SettingsSource;

class SettingsTest {
    /** Read only on Azure, where identity-based storage replaces the connection string. */
    private static final Set<String> AZURE_ONLY = Set.of("AzureWebJobsStorage__accountName",
            "AzureWebJobsStorage__tableServiceUri", "AzureWebJobsStorage__queueServiceUri",
            "AzureWebJobsStorage__clientId", "ACS_ENDPOINT", "ACS_CLIENT_ID");

    @Test
    void theSampleSettingsAreCompleteAndStartTheAppAsTheyAre() throws Exception {
        Map<String, String> sample = sampleValues();
        SettingsSource source = new SettingsSource(sample);

        Settings.load(source);

        Set<String> missing = new TreeSet<>(source.askedNames());
        missing.removeAll(sample.keySet());
        missing.removeAll(AZURE_ONLY);
        assertEquals(Set.of(), missing, "settings the app reads that local.settings.sample.json does not list");
    }

    @Test
    void startUpNamesEachMissingOrMalformedSettingOnce() throws Exception {
        Map<String, String> values = new HashMap<>(sampleValues());
        values.remove("GRAPH_TENANT_ID");
        values.put("JOIN_WINDOW_OPENS_MINUTES_BEFORE", "soon");

        SettingsException e = assertThrows(SettingsException.class, () -> Settings.load(values));

        List<String> problems = e.problems();
        assertEquals(1, problems.stream().filter(p -> p.startsWith("GRAPH_TENANT_ID")).count(), problems.toString());
        assertTrue(problems.contains("JOIN_WINDOW_OPENS_MINUTES_BEFORE must be a whole number"), problems.toString());
        assertEquals(2, problems.size(), problems.toString());
    }

    /** The sample's values as the local host hands them to the app, its ACS and PMS stand-ins in place of "local". */
    private static Map<String, String> sampleValues() throws Exception {
        JsonNode sample = new ObjectMapper().readTree(
                Files.readString(Azurite.projectRoot().resolve("local.settings.sample.json")));
        Map<String, String> values = new HashMap<>(
                new ObjectMapper().convertValue(sample.get("Values"), new TypeReference<Map<String, String>>() {}));
        values.put("ACS_CONNECTION_STRING", "endpoint=https://localhost:1/;accesskey=bG9jYWw=");
        values.put("PMS_EVENTS_URL", "http://127.0.0.1:1/local/pms");
        return values;
    }
}
