package org.teamstelehealth.secrets;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.util.function.Function;
import java.util.logging.Logger;
import org.teamstelehealth.platform.Adapter;
import reactor.core.publisher.Mono;

/**
 * The Graph {@link TokenCredential} that always uses the client secret currently in the store: it
 * keeps one client-secret credential per secret version, builds a new one when the cached version
 * changes, and when Entra rejects the secret ({@code invalid_client}) reads the store again and
 * retries once with a newer version. A rotated secret is thus picked up without a restart.
 */
@Adapter
public final class RotatingClientSecretCredential implements TokenCredential {
    private static final Logger LOG = Logger.getLogger(RotatingClientSecretCredential.class.getName());

    private final CachedSecrets secrets;
    private final String secretName;
    private final Function<String, TokenCredential> credentialForSecret;
    private volatile Versioned current;

    private record Versioned(String version, TokenCredential credential) {}

    /** @param credentialForSecret makes the client-secret credential for one secret value */
    public RotatingClientSecretCredential(CachedSecrets secrets, String secretName,
                                          Function<String, TokenCredential> credentialForSecret) {
        this.secrets = secrets;
        this.secretName = secretName;
        this.credentialForSecret = credentialForSecret;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromCallable(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        StoredSecret secret = currentSecret(secrets.get(secretName).orElse(null));
        try {
            return credentialFor(secret).getTokenSync(request);
        } catch (RuntimeException e) {
            if (!EntraRefusals.isRejectedSecret(e)) {
                throw e;
            }
            StoredSecret fresh = currentSecret(secrets.refresh(secretName).orElse(null));
            if (fresh.version().equals(secret.version())) {
                LOG.severe("Entra rejected client secret " + secretName + " version " + secret.version()
                        + " and the store holds no newer version: rotate it");
                throw e;
            }
            LOG.info("Entra rejected client secret " + secretName + " version " + secret.version()
                    + "; retrying with version " + fresh.version());
            return credentialFor(fresh).getTokenSync(request);
        }
    }

    private StoredSecret currentSecret(StoredSecret secret) {
        if (secret == null) {
            throw new SecretStoreException("Secret " + secretName + " is not in the store", null);
        }
        return secret;
    }

    private TokenCredential credentialFor(StoredSecret secret) {
        Versioned held = current;
        if (held != null && held.version().equals(secret.version())) {
            return held.credential();
        }
        synchronized (this) {
            if (current == null || !current.version().equals(secret.version())) {
                current = new Versioned(secret.version(), credentialForSecret.apply(secret.value()));
            }
            return current.credential();
        }
    }
}
