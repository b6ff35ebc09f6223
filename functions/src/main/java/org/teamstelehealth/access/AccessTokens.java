package org.teamstelehealth.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an Entra access token as the Microsoft identity platform says a resource must: RS256 signature
 * by one of the tenant's keys, {@code iss} of this tenant for the token's {@code ver}, {@code aud} this
 * app, and {@code nbf}/{@code exp} around now (with {@link #SKEW}). The caller's app roles come from the
 * {@code roles} claim, which Entra fills for both users and service principals assigned a role.
 */
public final class AccessTokens {
    /** Clock difference tolerated between Entra and this host. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private final AccessSettings settings;
    private final SigningKeys keys;

    public AccessTokens(AccessSettings settings, SigningKeys keys) {
        this.settings = settings;
        this.keys = keys;
    }

    /**
     * The caller the token names.
     *
     * @throws InvalidTokenException when it is not a valid token for this app now
     * @throws SigningKeysUnavailableException when the tenant's keys cannot be fetched
     */
    public Caller verify(String token, Instant now) {
        SignedJWT jwt = parse(token);
        checkSignature(jwt);
        JWTClaimsSet claims = claims(jwt);
        String version = string(claims, "ver").orElse("1.0");
        if (!settings.issuer(version).equals(claims.getIssuer())) {
            throw new InvalidTokenException("The token was not issued by this app's tenant");
        }
        if (claims.getAudience().stream().noneMatch(settings.audiences()::contains)) {
            throw new InvalidTokenException("The token is not for this app (audience " + settings.audiences().get(0) + ")");
        }
        checkLifetime(claims, now);
        return caller(claims);
    }

    private static SignedJWT parse(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                throw new InvalidTokenException("The token is not signed with RS256");
            }
            if (jwt.getHeader().getKeyID() == null) {
                throw new InvalidTokenException("The token names no signing key (kid)");
            }
            return jwt;
        } catch (ParseException e) {
            throw new InvalidTokenException("The bearer token is not a signed JWT");
        }
    }

    private void checkSignature(SignedJWT jwt) {
        RSAPublicKey key = keys.find(jwt.getHeader().getKeyID())
                .orElseThrow(() -> new InvalidTokenException("The token is signed with a key the tenant does not publish"));
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw new InvalidTokenException("The token's signature is not valid");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("The token's signature cannot be checked");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("The token's claims are not JSON");
        }
    }

    private static void checkLifetime(JWTClaimsSet claims, Instant now) {
        Date expires = claims.getExpirationTime();
        if (expires == null || !now.minus(SKEW).isBefore(expires.toInstant())) {
            throw new InvalidTokenException("The token has expired; get a new one");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(SKEW).isBefore(notBefore.toInstant())) {
            throw new InvalidTokenException("The token is not valid yet");
        }
    }

    private static Caller caller(JWTClaimsSet claims) {
        Optional<String> app = string(claims, "azp").or(() -> string(claims, "appid"));
        String id = string(claims, "oid").or(() -> app)
                .orElseThrow(() -> new InvalidTokenException("The token names no caller (oid)"));
        String name = string(claims, "preferred_username").or(() -> string(claims, "upn"))
                .or(() -> string(claims, "unique_name")).orElseGet(() -> "app:" + app.orElse(id));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roleClaims(claims).forEach(value -> Role.ofClaim(value).ifPresent(roles::add));
        return new Caller(id, name, roles);
    }

    private static List<String> roleClaims(JWTClaimsSet claims) {
        try {
            List<String> roles = claims.getStringListClaim("roles");
            return roles == null ? List.of() : roles;
        } catch (ParseException e) {
            return List.of();
        }
    }

    private static Optional<String> string(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
