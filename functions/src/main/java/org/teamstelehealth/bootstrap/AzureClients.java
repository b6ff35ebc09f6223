package org.teamstelehealth.bootstrap;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.teamstelehealth.platform.GraphSettings;
import org.teamstelehealth.secrets.KeyVaultSecretStore;

/**
 * Every Azure and Microsoft SDK client the app uses, built once per process from the settings: storage,
 * the managed identity, Graph, ACS and Key Vault. Clients of services that are not configured are not built,
 * and none is built before it is first asked for.
 */
final class AzureClients {
    /** The audience of a managed identity token that Entra accepts as a federated client assertion. */
    static final String TOKEN_EXCHANGE = "api://AzureADTokenExchange";

    private final Settings settings;
    private final HttpClient httpClient;
    private final Map<Optional<String>, TokenCredential> identities = new ConcurrentHashMap<>();
    private final Lazy<StorageClients> storage;
    private final Lazy<ClientSecretCredentials> credentials;
    private final Lazy<Optional<AcsClients>> acs;

    /** @param httpClient what every Azure SDK client sends through, or {@code null} for the SDK default */
    AzureClients(Settings settings, HttpClient httpClient) {
        this.settings = settings;
        this.httpClient = httpClient;
        this.storage = Lazy.of(() -> new StorageClients(settings.storage(),
                () -> managedIdentity(settings.storage().managedIdentityClientId())));
        this.credentials = Lazy.of(() -> new ClientSecretCredentials(settings.graph(), httpClient));
        boolean acsConfigured = settings.notifications().acsConnectionString().isPresent()
                || settings.notifications().acsEndpoint().isPresent();
        this.acs = Lazy.of(() -> acsConfigured ? Optional.of(new AcsClients(settings.notifications(),
                managedIdentity(settings.notifications().managedIdentityClientId()), httpClient))
                : Optional.empty());
    }

    /** Built on first use, as every client here is. */
    StorageClients storage() {
        return storage.get();
    }

    /** Client-secret credentials of the app registration, for a given secret. */
    ClientSecretCredentials credentials() {
        return credentials.get();
    }

    /** ACS SMS and email, when {@code ACS_CONNECTION_STRING} or {@code ACS_ENDPOINT} is set. */
    Optional<AcsClients> acs() {
        return acs.get();
    }

    /** The app's Graph client, with tokens from {@code credential}. */
    GraphServiceClient graph(TokenCredential credential) {
        return GraphClients.create(credential, settings.graph().baseUrl());
    }

    /**
     * The app registration's credential without a client secret ({@code GRAPH_CREDENTIAL=managed_identity}):
     * each Graph token is got with a client assertion that is a token of the user-assigned managed identity
     * ({@code AZURE_CLIENT_ID}) for {@value #TOKEN_EXCHANGE}, which the registration's federated identity
     * credential trusts (Microsoft Entra workload identity federation, "managed identity as a federated
     * identity credential").
     */
    TokenCredential federatedGraphCredential() {
        ManagedIdentityCredentialBuilder identity = new ManagedIdentityCredentialBuilder();
        settings.secrets().managedIdentityClientId().ifPresent(identity::clientId);
        if (httpClient != null) {
            identity.httpClient(httpClient);
        }
        return federatedGraphCredential(identity.build());
    }

    /** As {@link #federatedGraphCredential()}, with the assertion from {@code managedIdentity} (tests hand in their own). */
    TokenCredential federatedGraphCredential(TokenCredential managedIdentity) {
        TokenRequestContext exchange = new TokenRequestContext().addScopes(TOKEN_EXCHANGE + "/.default");
        ClientAssertionCredentialBuilder builder = new ClientAssertionCredentialBuilder()
                .tenantId(settings.graph().tenantId())
                .clientId(settings.graph().clientId())
                .authorityHost(settings.graph().authorityHost().toString())
                .clientAssertion(() -> managedIdentity.getTokenSync(exchange).getToken());
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        if (GraphSettings.isLoopback(settings.graph().authorityHost())) {
            builder.disableInstanceDiscovery();
        }
        return builder.build();
    }

    /** The secret store in Key Vault, read and written by the app's managed identity. */
    KeyVaultSecretStore keyVaultSecretStore(URI vaultUrl) {
        return new KeyVaultSecretStore(KeyVaultClients.secretClient(vaultUrl,
                managedIdentity(settings.secrets().managedIdentityClientId()), httpClient));
    }

    /**
     * The app's own identity (a user-assigned managed identity on Azure when {@code clientId} names one, a
     * developer's sign-in locally), one per identity and process. No token is asked for until a client needs one.
     */
    private TokenCredential managedIdentity(Optional<String> clientId) {
        return identities.computeIfAbsent(clientId, id -> {
            DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
            id.ifPresent(builder::managedIdentityClientId);
            if (httpClient != null) {
                builder.httpClient(httpClient);
            }
            return builder.build();
        });
    }
}
