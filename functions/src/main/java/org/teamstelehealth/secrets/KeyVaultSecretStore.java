package org.teamstelehealth.secrets;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.platform.Adapter;

/** The secret store on Azure: Key Vault secrets, read and written by the app's managed identity. */
@Adapter
public final class KeyVaultSecretStore implements SecretStore {
    private final SecretClient client;

    public KeyVaultSecretStore(SecretClient client) {
        this.client = client;
    }

    @Override
    public Optional<StoredSecret> get(String name) {
        try {
            return Optional.of(toStored(client.getSecret(name)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (HttpResponseException e) {
            if (isDisabled(e)) {
                return Optional.empty();
            }
            throw new SecretStoreException("Could not read secret " + name + " from Key Vault (HTTP "
                    + status(e) + ")", e);
        } catch (RuntimeException e) {
            throw new SecretStoreException("Could not read secret " + name + " from Key Vault", e);
        }
    }

    @Override
    public StoredSecret set(String name, String value, Instant expiresOn, Map<String, String> tags) {
        SecretProperties properties = new SecretProperties().setTags(Map.copyOf(tags));
        if (expiresOn != null) {
            properties.setExpiresOn(OffsetDateTime.ofInstant(expiresOn, ZoneOffset.UTC));
        }
        try {
            return toStored(client.setSecret(new KeyVaultSecret(name, value).setProperties(properties)));
        } catch (HttpResponseException e) {
            throw new SecretStoreException("Could not store a new version of secret " + name
                    + " in Key Vault (HTTP " + status(e) + ")", e);
        } catch (RuntimeException e) {
            throw new SecretStoreException("Could not store a new version of secret " + name + " in Key Vault", e);
        }
    }

    @Override
    public void disable(String name, String version) {
        try {
            SecretProperties properties = client.getSecret(name, version).getProperties().setEnabled(false);
            client.updateSecretProperties(properties);
        } catch (ResourceNotFoundException e) {
            // Already gone: nothing left to disable.
        } catch (HttpResponseException e) {
            if (!isDisabled(e)) {
                throw new SecretStoreException("Could not disable a version of secret " + name
                        + " in Key Vault (HTTP " + status(e) + ")", e);
            }
        }
    }

    private static StoredSecret toStored(KeyVaultSecret secret) {
        SecretProperties properties = secret.getProperties();
        return new StoredSecret(secret.getName(), secret.getValue(), properties.getVersion(),
                Optional.ofNullable(properties.getExpiresOn()).map(OffsetDateTime::toInstant),
                properties.getTags());
    }

    /** Key Vault answers 403 SecretDisabled for a disabled current version. */
    private static boolean isDisabled(HttpResponseException e) {
        return status(e) == 403 && String.valueOf(e.getMessage()).contains("SecretDisabled");
    }

    private static int status(HttpResponseException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }
}
