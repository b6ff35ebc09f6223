package org.teamstelehealth.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.platform.GraphSettings;
import org.teamstelehealth.platform.SettingsException;
import org.teamstelehealth.platform.SettingsSource;

class SecretSettingsTest {

    @Test
    void defaultsMatchTheAdminGuide() {
        SecretSettings settings = load(Map.of("GRAPH_CLIENT_SECRET", "local"));

        assertEquals(Optional.empty(), settings.keyVaultUrl());
        assertEquals(Duration.ofMinutes(30), settings.cacheTtl());
        assertEquals("graph-client-secret", settings.graphClientSecretName());
        assertEquals(URI.create("https://login.microsoftonline.com"), settings.authorityHost());
        assertEquals(URI.create("https://graph.microsoft.com/v1.0"), settings.graph().baseUrl());
        assertEquals(Duration.ofDays(730), settings.graphSecretLifetime());
        assertEquals(Duration.ofHours(24), settings.graphSecretGrace());
        assertEquals(Duration.ofHours(72), settings.webhookOverlap());
        assertEquals(List.of(), settings.adminEmails());
    }

    @Test
    void onAzureTheVaultHoldsTheClientSecret() {
        SecretSettings settings = load(Map.of("KEY_VAULT_URL", "https://telehealth-kv.vault.azure.net/",
                "AZURE_CLIENT_ID", "mi-client-id", "ADMIN_EMAILS", "a@example.org,b@example.org"));

        assertEquals(Optional.of(URI.create("https://telehealth-kv.vault.azure.net/")), settings.keyVaultUrl());
        assertEquals(Optional.of("mi-client-id"), settings.managedIdentityClientId());
        assertEquals(List.of("a@example.org", "b@example.org"), settings.adminEmails());
    }

    @Test
    void withTheManagedIdentityCredentialThereIsNoClientSecretToSetOrRead() {
        SecretSettings settings = load(Map.of("GRAPH_CREDENTIAL", "managed_identity",
                "KEY_VAULT_URL", "https://telehealth-kv.vault.azure.net/", "AZURE_CLIENT_ID", "mi-client-id"));
        assertEquals(GraphCredential.MANAGED_IDENTITY, settings.graphCredential());
        assertEquals(GraphCredential.CLIENT_SECRET, load(Map.of("GRAPH_CLIENT_SECRET", "local")).graphCredential());

        assertEquals(GraphCredential.MANAGED_IDENTITY,
                load(Map.of("GRAPH_CREDENTIAL", "managed_identity")).graphCredential(), "locally too, no secret needed");
        SettingsException both = assertThrows(SettingsException.class,
                () -> load(Map.of("GRAPH_CREDENTIAL", "managed_identity", "GRAPH_CLIENT_SECRET", "left-over")));
        assertTrue(String.join("\n", both.problems()).contains("GRAPH_CLIENT_SECRET must not be set"), both.problems().toString());
    }

    @Test
    void namesEveryBadSetting() {
        Map<String, String> values = new HashMap<>(Map.of("KEY_VAULT_URL", "https://kv.vault.azure.net",
                "GRAPH_CLIENT_SECRET", "should-be-in-the-vault", "ADMIN_EMAILS", "not-an-address",
                "GRAPH_SECRET_LIFETIME_DAYS", "1000"));
        values.remove("GRAPH_TENANT_ID");

        SettingsException failure = assertThrows(SettingsException.class, () -> {
            SettingsSource source = new SettingsSource(values);
            SecretSettings.from(source, GraphSettings.from(source));
            source.check();
        });

        String problems = String.join("\n", failure.problems());
        for (String name : List.of("GRAPH_CLIENT_SECRET must not", "ADMIN_EMAILS", "GRAPH_SECRET_LIFETIME_DAYS",
                "GRAPH_TENANT_ID", "GRAPH_CLIENT_ID")) {
            assertTrue(problems.contains(name), name + " not in " + problems);
        }
    }

    private static SecretSettings load(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of("GRAPH_TENANT_ID", "t", "GRAPH_CLIENT_ID", "c"));
        values.putAll(overrides);
        SettingsSource source = new SettingsSource(values);
        SecretSettings settings = SecretSettings.from(source, GraphSettings.from(source));
        source.check();
        return settings;
    }
}
