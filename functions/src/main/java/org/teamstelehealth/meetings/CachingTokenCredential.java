package org.teamstelehealth.meetings;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.teamstelehealth.platform.Adapter;
import reactor.core.publisher.Mono;

/**
 * Keeps an app token until shortly before it expires. The Graph SDK asks its credential for a token on every
 * request; without this each Graph call would also be a call to Entra ID (measured against the stand-in). A
 * request carrying claims (a Continuous Access Evaluation challenge) always gets a fresh token.
 */
@Adapter
public final class CachingTokenCredential implements TokenCredential {
    private static final Duration EARLY = Duration.ofMinutes(5);

    private final TokenCredential delegate;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    public CachingTokenCredential(TokenCredential delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromCallable(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        if (request.getClaims() != null) {
            return remember(request, delegate.getTokenSync(request));
        }
        AccessToken cached = tokens.get(key(request));
        if (cached != null && cached.getExpiresAt().isAfter(OffsetDateTime.now().plus(EARLY))) {
            return cached;
        }
        synchronized (this) {
            cached = tokens.get(key(request));
            if (cached != null && cached.getExpiresAt().isAfter(OffsetDateTime.now().plus(EARLY))) {
                return cached;
            }
            return remember(request, delegate.getTokenSync(request));
        }
    }

    private AccessToken remember(TokenRequestContext request, AccessToken token) {
        tokens.put(key(request), token);
        return token;
    }

    private static String key(TokenRequestContext request) {
        return String.join(" ", request.getScopes()) + "|" + request.getTenantId();
    }
}
