package org.teamstelehealth.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.platform.Adapter;

/**
 * {@link SigningKeys} from the tenant's JWKS ({@code https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys}).
 * Kept for {@link #MAX_AGE}; a token naming a key not in the set fetches it again (Entra rolls keys over
 * without notice), at most once per {@link #MIN_REFRESH} so a flood of forged key ids cannot hammer Entra.
 */
@Adapter
public final class EntraSigningKeys implements SigningKeys {
    static final Duration MAX_AGE = Duration.ofHours(24);
    static final Duration MIN_REFRESH = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final Supplier<HttpClient> http;
    private final Clock clock;
    private Map<String, RSAPublicKey> keys = Map.of();
    private Instant fetchedAt;

    /** @param http asked for on the first fetch only, so start-up does not pay for a TLS context */
    public EntraSigningKeys(URI url, Supplier<HttpClient> http, Clock clock) {
        this.url = url;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<RSAPublicKey> find(String kid) {
        Instant now = clock.instant();
        boolean stale = fetchedAt == null || !now.isBefore(fetchedAt.plus(MAX_AGE));
        boolean mayRefresh = fetchedAt == null || !now.isBefore(fetchedAt.plus(MIN_REFRESH));
        if (stale || (!keys.containsKey(kid) && mayRefresh)) {
            keys = fetch();
            fetchedAt = now;
        }
        return Optional.ofNullable(keys.get(kid));
    }

    private Map<String, RSAPublicKey> fetch() {
        try {
            HttpResponse<String> response = http.get().send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SigningKeysUnavailableException("the tenant's keys answered " + response.statusCode(), null);
            }
            Map<String, RSAPublicKey> found = new HashMap<>();
            for (JWK jwk : JWKSet.parse(response.body()).getKeys()) {
                if (jwk instanceof RSAKey rsa && jwk.getKeyID() != null) {
                    found.put(jwk.getKeyID(), rsa.toRSAPublicKey());
                }
            }
            return Map.copyOf(found);
        } catch (IOException | ParseException | JOSEException e) {
            throw new SigningKeysUnavailableException("the tenant's keys could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningKeysUnavailableException("interrupted fetching the tenant's keys", e);
        }
    }
}
