package org.teamstelehealth.testing;

import java.util.HashMap;
import java.util.Map;
import org.teamstelehealth.bootstrap.Settings;
import org.teamstelehealth.local.Azurite;

/** A complete, valid set of settings against the shared test Azurite; tests override what they need. */
public final class TestSettings {
    public static final String WEBHOOK_SECRET = "whsec_dGVsZWhlYWx0aC1jb250cmFjdC10ZXN0LXNlY3JldC0zMmIh";

    private TestSettings() {}

    public static Map<String, String> values() {
        return values(Azurite.shared().connectionString());
    }

    /** The same settings against another storage account (a benchmark's own Azurite, say). */
    public static Map<String, String> values(String storageConnection) {
        Map<String, String> values = new HashMap<>();
        values.put("AzureWebJobsStorage", storageConnection);
        values.put("PUBLIC_BASE_URL", "https://telehealth.example.org/api");
        values.put("WEBHOOK_SECRETS", WEBHOOK_SECRET);
        values.put("JOIN_LINK_KEY", "dGVzdC1qb2luLWxpbmsta2V5LXRoYXQtaXMtbG9uZy1lbm91Z2g=");
        // Graph is never reached with these: tests that call Graph point GRAPH_* at their own WireMock.
        values.put("GRAPH_TENANT_ID", "test-tenant");
        values.put("GRAPH_CLIENT_ID", "11111111-2222-3333-4444-555555555555");
        values.put("GRAPH_CLIENT_SECRET", "test-client-secret");
        values.put("ADMIN_EMAILS", "admin@example.org");
        values.put("SECRET_REMINDER_SCHEDULE", "0 0 21 * * *");
        values.put("REMINDER_SCHEDULE", "0 * * * * *");
        return values;
    }

    public static Settings settings() {
        return Settings.load(values());
    }

    public static Settings settings(Map<String, String> overrides) {
        Map<String, String> values = values();
        values.putAll(overrides);
        return Settings.load(values);
    }
}
