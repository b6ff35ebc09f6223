package org.teamstelehealth.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.teamstelehealth.testing.AdminTokens;

class AccessTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final AdminTokens tenant = AdminTokens.generate(Clock.fixed(NOW, ZoneOffset.UTC));
    private final AccessTokens tokens = new AccessTokens(AdminTokens.settings(), tenant.keys());

    @Test
    void aV1UserTokenNamesTheUserAndTheirRoles() {
        Caller caller = tokens.verify(tenant.admin(), NOW);

        assertEquals("00000000-aaaa-bbbb-cccc-000000000001", caller.id());
        assertEquals("alex.admin@clinic.example", caller.name());
        assertEquals(Set.of(Role.ADMIN), caller.roles());
    }

    @Test
    void aV2ServicePrincipalTokenForTheClientIdIsAccepted() {
        Map<String, Object> claims = tenant.claims("Telehealth.Reader", "Some.Other.Role");
        claims.put("ver", "2.0");
        claims.put("iss", "https://login.microsoftonline.com/" + AdminTokens.TENANT + "/v2.0");
        claims.put("aud", AdminTokens.CLIENT_ID);
        claims.remove("upn");
        claims.remove("appid");
        claims.put("azp", "99999999-0000-0000-0000-000000000009");

        Caller caller = tokens.verify(tenant.sign(claims), NOW);

        assertEquals("app:99999999-0000-0000-0000-000000000009", caller.name());
        assertEquals(Set.of(Role.READER), caller.roles());
    }

    @Test
    void anotherAudienceIssuerOrVersionMismatchIsRefused() {
        assertRefused(with("aud", "api://someone-else"), "not for this app");
        assertRefused(with("iss", "https://sts.windows.net/another-tenant/"), "not issued by this app's tenant");
        assertRefused(with("ver", "2.0"), "not issued by this app's tenant");
    }

    @Test
    void anExpiredOrNotYetValidTokenIsRefusedBeyondTheSkew() {
        long now = NOW.getEpochSecond();
        assertRefused(with("exp", now - AccessTokens.SKEW.getSeconds() - 1), "expired");
        assertEquals(Set.of(Role.ADMIN),
                tokens.verify(tenant.sign(with("exp", now - 60)), NOW).roles(), "a minute late is within the skew");
        assertRefused(with("nbf", now + Duration.ofMinutes(10).getSeconds()), "not valid yet");
        Map<String, Object> noExpiry = tenant.claims("Telehealth.Admin");
        noExpiry.remove("exp");
        assertRefused(noExpiry, "expired");
    }

    @Test
    void aTokenSignedByAnotherKeyOrTamperedWithIsRefused() {
        AdminTokens impostor = AdminTokens.generate(Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(refusal(impostor.admin()).contains("signature is not valid"));

        AdminTokens unknownKey = AdminTokens.generate("other-kid", Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(refusal(unknownKey.admin()).contains("key the tenant does not publish"));

        String[] parts = tenant.reader().split("\\.");
        String elevated = tenant.admin().split("\\.")[1];
        assertTrue(refusal(parts[0] + "." + elevated + "." + parts[2]).contains("signature is not valid"));
    }

    @Test
    void unsignedAndMalformedTokensAreRefused() {
        String[] parts = tenant.admin().split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"kid\":\"test-key-1\"}".getBytes());
        assertTrue(refusal(none + "." + parts[1] + ".").contains("not"));
        assertTrue(refusal("not-a-jwt").contains("not a signed JWT"));
    }

    @Test
    void unknownRolesGrantNothing() {
        assertEquals(Set.of(), tokens.verify(tenant.user("Telehealth.Superuser"), NOW).roles());
        assertEquals(Set.of(), tokens.verify(tenant.user(), NOW).roles());
    }

    private Map<String, Object> with(String claim, Object value) {
        Map<String, Object> claims = tenant.claims("Telehealth.Admin");
        claims.put(claim, value);
        return claims;
    }

    private void assertRefused(Map<String, Object> claims, String why) {
        String message = refusal(tenant.sign(claims));
        assertTrue(message.contains(why), message);
    }

    private String refusal(String token) {
        return assertThrows(InvalidTokenException.class, () -> tokens.verify(token, NOW)).getMessage();
    }

    @Test
    void anAdminMayDoWhatAReaderMayButNotTheReverse() {
        assertTrue(new Caller("a", "a", Set.of(Role.ADMIN)).may(Role.READER));
        assertFalse(new Caller("r", "r", Set.of(Role.READER)).may(Role.ADMIN));
        assertTrue(new Caller("r", "r", Set.of(Role.READER)).may(Role.READER));
    }
}
