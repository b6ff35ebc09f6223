package org.teamstelehealth.bootstrap;

import java.util.Optional;
import org.teamstelehealth.platform.SettingsSource;

/**
 * Where the app's tables and queues live. Either a connection string (Azurite locally, a key-based
 * account if an admin insists) or identity-based service URIs, as the Functions host itself reads
 * {@code AzureWebJobsStorage__*}.
 */
public record StorageSettings(
        Optional<String> connectionString,
        Optional<String> tableServiceUri,
        Optional<String> queueServiceUri,
        Optional<String> managedIdentityClientId) {

    public static final String CONNECTION = "AzureWebJobsStorage";

    static StorageSettings from(SettingsSource source) {
        Optional<String> connection = source.optional(CONNECTION);
        Optional<String> tables = source.optional(CONNECTION + "__tableServiceUri");
        Optional<String> queues = source.optional(CONNECTION + "__queueServiceUri");
        Optional<String> accountName = source.optional(CONNECTION + "__accountName");
        if (accountName.isPresent()) {
            tables = tables.or(() -> Optional.of("https://" + accountName.get() + ".table.core.windows.net"));
            queues = queues.or(() -> Optional.of("https://" + accountName.get() + ".queue.core.windows.net"));
        }
        if (connection.isEmpty() && (tables.isEmpty() || queues.isEmpty())) {
            source.problem(CONNECTION + " is required (a connection string, or " + CONNECTION
                    + "__accountName / __tableServiceUri and __queueServiceUri with a managed identity)");
        }
        return new StorageSettings(connection, tables, queues, source.optional(CONNECTION + "__clientId"));
    }
}
