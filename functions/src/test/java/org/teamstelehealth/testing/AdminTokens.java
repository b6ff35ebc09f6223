package org.teamstelehealth.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.teamstelehealth.access.AccessSettings;
import org.teamstelehealth.access.AccessTokens;
import org.teamstelehealth.access.AdminAccess;
import org.teamstelehealth.access.AuditLog;
import org.teamstelehealth.access.SigningKeys;
import org.teamstelehealth.platform.Json;

/**
 * A tenant's signing key made in the test, and Entra-shaped access tokens signed with it (RS256 with
 * java.security, independent of the library the app checks them with), for {@link TestSettings}' tenant and app.
 */
public final class AdminTokens {
    public static final String TENANT = "test-tenant";
    public static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    public static final String AUDIENCE = "api://" + CLIENT_ID;
    public static final String KID = "test-key-1";

    private final KeyPair pair;
    private final String kid;
    private final Clock clock;

    private AdminTokens(KeyPair pair, String kid, Clock clock) {
        this.pair = pair;
        this.kid = kid;
        this.clock = clock;
    }

    /** A new key pair; tokens are valid for an hour from {@code clock}'s now. */
    public static AdminTokens generate(Clock clock) {
        return generate(KID, clock);
    }

    public static AdminTokens generate(String kid, Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new AdminTokens(generator.generateKeyPair(), kid, clock);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A v1.0 token (as {@code az account get-access-token --resource api://<client id>} gets) with these roles. */
    public String user(String... roles) {
        return sign(claims(roles));
    }

    public String admin() {
        return user("Telehealth.Admin");
    }

    public String reader() {
        return user("Telehealth.Reader");
    }

    /** The claims of a v1.0 user token with {@code roles}; change them and {@link #sign} them. */
    public Map<String, Object> claims(String... roles) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", AUDIENCE);
        claims.put("iss", "https://sts.windows.net/" + TENANT + "/");
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofHours(1)).getEpochSecond());
        claims.put("oid", "00000000-aaaa-bbbb-cccc-000000000001");
        claims.put("upn", "alex.admin@clinic.example");
        claims.put("appid", "04b07795-8ddb-461a-bbee-02f9e1bf7b46");
        claims.put("ver", "1.0");
        if (roles.length > 0) {
            claims.put("roles", List.of(roles));
        }
        return claims;
    }

    /** {@code claims} as a JWT signed RS256 with this key, naming it by {@code kid}. */
    public String sign(Map<String, Object> claims) {
        String header = base64(Json.write(Map.of("typ", "JWT", "alg", "RS256", "kid", kid)).getBytes(StandardCharsets.UTF_8));
        String payload = base64(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(pair.getPrivate());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + base64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as the tenant's JWKS document publishes it. */
    public String jwks() {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        return Json.write(Map.of("keys", List.of(Map.of("kty", "RSA", "use", "sig", "kid", kid,
                "n", base64(unsigned(key.getModulus())), "e", base64(unsigned(key.getPublicExponent()))))));
    }

    /** The tenant's keys, as the app would fetch them. */
    public SigningKeys keys() {
        return id -> kid.equals(id) ? Optional.of((RSAPublicKey) pair.getPublic()) : Optional.empty();
    }

    /** The settings of {@link TestSettings}' tenant and app in {@code ADMIN_AUTH=entra} mode. */
    public static AccessSettings settings() {
        return AccessSettings.from(new org.teamstelehealth.platform.SettingsSource(Map.of()),
                new org.teamstelehealth.platform.GraphSettings(TENANT, CLIENT_ID, null, null));
    }

    /** The admin guard checking tokens of this key, recording into {@code audit}. */
    public AdminAccess access(AuditLog audit) {
        return new AdminAccess(settings(), new AccessTokens(settings(), keys()), audit, clock);
    }

    /** A guard in {@code ADMIN_AUTH=function_key} mode, for tests of what a route does rather than who may call it. */
    public static AdminAccess functionKeyOnly() {
        AccessSettings entra = settings();
        AccessSettings keyOnly = new AccessSettings(AccessSettings.Mode.FUNCTION_KEY, entra.tenantId(), entra.audiences(),
                entra.signingKeysUrl());
        return new AdminAccess(keyOnly, new AccessTokens(keyOnly, id -> Optional.empty()),
                new org.teamstelehealth.access.InMemoryAuditLog(), Clock.systemUTC());
    }

    /**
     * Serves this key as the tenant's JWKS from a WireMock on loopback, for tests through {@code Application}:
     * {@link JwksServer#settings()} points {@code ADMIN_*} at it and at this tenant and app.
     */
    public JwksServer serve() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get("/" + TENANT + "/discovery/v2.0/keys").willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(jwks())));
        return new JwksServer(server);
    }

    /** A tenant's keys endpoint on loopback. */
    public static final class JwksServer implements AutoCloseable {
        private final WireMockServer server;

        private JwksServer(WireMockServer server) {
            this.server = server;
        }

        public Map<String, String> settings() {
            return Map.of("ADMIN_AUTH", "entra", "ADMIN_TENANT_ID", TENANT, "ADMIN_AUDIENCE", AUDIENCE,
                    "ADMIN_SIGNING_KEYS_URL", server.baseUrl() + "/" + TENANT + "/discovery/v2.0/keys");
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    /** The header a caller sends. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
