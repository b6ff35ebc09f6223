package org.teamstelehealth.bootstrap;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The table and queue service clients, built once per process. Tables and queues are created on
 * first use so a fresh Azurite (or a fresh account) needs no set-up step.
 */
public final class StorageClients {
    private final TableServiceClient tables;
    private final QueueServiceClient queues;
    private final Map<String, TableClient> tableClients = new ConcurrentHashMap<>();
    private final Map<String, QueueClient> queueClients = new ConcurrentHashMap<>();

    /** Clients for a storage account reached by connection string (Azurite, tests). */
    public StorageClients(StorageSettings settings) {
        this(settings, () -> {
            throw new IllegalStateException("No storage connection string, and no identity to reach the account with");
        });
    }

    /** @param identity the credential to reach storage with when there is no connection string */
    public StorageClients(StorageSettings settings, Supplier<TokenCredential> identity) {
        if (settings.connectionString().isPresent()) {
            String connection = settings.connectionString().get();
            this.tables = new TableServiceClientBuilder().connectionString(connection).buildClient();
            this.queues = new QueueServiceClientBuilder().connectionString(connection)
                    .messageEncoding(QueueMessageEncoding.BASE64).buildClient();
        } else {
            TokenCredential credential = identity.get();
            this.tables = new TableServiceClientBuilder().endpoint(settings.tableServiceUri().orElseThrow())
                    .credential(credential).buildClient();
            this.queues = new QueueServiceClientBuilder().endpoint(settings.queueServiceUri().orElseThrow())
                    .credential(credential).messageEncoding(QueueMessageEncoding.BASE64).buildClient();
        }
    }

    /** The named table, created if it does not exist yet. */
    public TableClient table(String name) {
        return tableClients.computeIfAbsent(name, n -> {
            tables.createTableIfNotExists(n);
            return tables.getTableClient(n);
        });
    }

    /**
     * The named queue, created if it does not exist yet. Messages are base64, as the Functions queue
     * trigger expects by default.
     */
    public QueueClient queue(String name) {
        return queueClients.computeIfAbsent(name, n -> {
            QueueClient client = queues.getQueueClient(n);
            client.createIfNotExists();
            return client;
        });
    }

    public TableServiceClient tableService() {
        return tables;
    }

    public QueueServiceClient queueService() {
        return queues;
    }
}
