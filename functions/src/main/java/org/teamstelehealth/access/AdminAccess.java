package org.teamstelehealth.access;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.teamstelehealth.platform.Headers;
import org.teamstelehealth.platform.Problem;

/**
 * The one guard every {@code manage/...} route calls first: is the caller an Entra user or service
 * principal holding the role the route needs, and what did they do. Function classes call it through
 * {@link AdminRoute#answer}, which answers a refusal as is and records the route's own answer.
 *
 * No token (or a bad one) answers 401 with {@code WWW-Authenticate: Bearer}; a valid token without the
 * role answers 403 and is recorded. With {@code ADMIN_AUTH=function_key} every caller (who already
 * passed the host's function key check) is {@link Caller#FUNCTION_KEY}.
 */
public final class AdminAccess {
    private static final Logger LOG = Logger.getLogger(AdminAccess.class.getName());

    private final AccessSettings settings;
    private final AccessTokens tokens;
    private final AuditLog audit;
    private final Clock clock;

    public AdminAccess(AccessSettings settings, AccessTokens tokens, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** One call of an admin route: refused, or granted to a caller and recorded once answered. */
    public final class Attempt {
        private final Caller caller;
        private final Problem refusal;
        private final Map<String, String> headers;
        private final String action;
        private final String target;

        private Attempt(Caller caller, Problem refusal, Map<String, String> headers, String action, String target) {
            this.caller = caller;
            this.refusal = refusal;
            this.headers = headers;
            this.action = action;
            this.target = target;
        }

        public boolean refused() {
            return refusal != null;
        }

        /** Why it was refused (401 or 403), to answer as is. */
        public Problem refusal() {
            return refusal;
        }

        /** Headers to answer the refusal with ({@code WWW-Authenticate}). */
        public Map<String, String> headers() {
            return headers;
        }

        /** The caller it was granted to. */
        public Caller caller() {
            return caller;
        }

        /** Records the granted action with the status it was answered with, and hands back the answer. */
        public <T> T recorded(T response, int status) {
            record(caller, action, target, status);
            return response;
        }
    }

    /**
     * Checks the caller of one admin route.
     *
     * @param headers the request's headers (for {@code Authorization})
     * @param needed the role the route needs
     * @param action what the route does, e.g. {@code appointment.read}
     * @param target what it does it to, e.g. {@code appointment/47}; ids only
     */
    public Attempt begin(Map<String, String> headers, Role needed, String action, String target) {
        if (settings.mode() == AccessSettings.Mode.FUNCTION_KEY) {
            return new Attempt(Caller.FUNCTION_KEY, null, Map.of(), action, target);
        }
        Optional<String> token = Headers.first(headers, "Authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim());
        if (token.isEmpty()) {
            return unauthenticated("Sign in: send an Entra access token for this app as 'Authorization: Bearer <token>'",
                    "Bearer", action, target);
        }
        Caller caller;
        try {
            caller = tokens.verify(token.get(), clock.instant());
        } catch (InvalidTokenException e) {
            return unauthenticated(e.getMessage(), "Bearer error=\"invalid_token\"", action, target);
        } catch (SigningKeysUnavailableException e) {
            LOG.log(Level.WARNING, "Admin token not checked: " + e.getMessage());
            return new Attempt(null, Problem.of(503, "Cannot check the token now",
                    "The tenant's signing keys could not be fetched; try again shortly"), Map.of("Retry-After", "30"),
                    action, target);
        }
        if (!caller.may(needed)) {
            record(caller, action, target, 403);
            return new Attempt(null, Problem.of(403, "Not allowed", "This route needs the app role " + needed.claim()
                    + "; ask an admin to assign it to you on the Telehealth enterprise application"),
                    Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\""), action, target);
        }
        return new Attempt(caller, null, Map.of(), action, target);
    }

    private Attempt unauthenticated(String detail, String challenge, String action, String target) {
        return new Attempt(null, Problem.of(401, "Sign in required", detail), Map.of("WWW-Authenticate", challenge),
                action, target);
    }

    private void record(Caller caller, String action, String target, int status) {
        try {
            audit.record(new AuditEntry(clock.instant(), caller.id(), caller.name(), action, target, status));
        } catch (RuntimeException e) {
            // The action has happened; failing the answer would only make the admin repeat it.
            LOG.log(Level.SEVERE, "Audit entry not recorded: " + action + " " + target + " by " + caller.id(), e);
        }
    }
}
