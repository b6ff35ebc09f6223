package org.teamstelehealth.secrets;

import com.azure.data.tables.TableClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.teamstelehealth.bootstrap.Settings;
import org.teamstelehealth.bootstrap.StorageClients;
import org.teamstelehealth.testing.TestSettings;

/** Settings and fresh Azurite tables for the secrets tests. */
final class SecretsTestKit {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static StorageClients storage;

    private SecretsTestKit() {}

    static SecretSettings settings(EntraStandIn entra, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("GRAPH_TENANT_ID", EntraStandIn.TENANT);
        values.put("GRAPH_CLIENT_ID", EntraStandIn.CLIENT_ID);
        if (entra != null) {
            values.put("GRAPH_BASE_URL", entra.graphBaseUrl().toString());
            values.put("GRAPH_AUTHORITY_HOST", entra.authorityHost().toString());
        }
        values.putAll(overrides);
        Settings settings = TestSettings.settings(values);
        return settings.secrets();
    }

    /** A table of its own for one test, in the shared test Azurite. */
    static synchronized TableClient freshTable(String prefix) {
        if (storage == null) {
            storage = new StorageClients(TestSettings.settings().storage());
        }
        return storage.table(prefix + System.nanoTime() % 1_000_000_000L + TABLES.incrementAndGet());
    }
}
