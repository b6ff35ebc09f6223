package org.teamstelehealth.secrets;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Rotates the webhook signing secret: a new {@code whsec_} secret becomes current and the old
 * current one stays accepted as the previous one for the overlap, long enough for an admin to paste
 * the new one into the PMS. The timer then retires the previous one ({@link #retireExpiredPrevious}).
 */
public final class WebhookSecretRotation {
    private static final Logger LOG = Logger.getLogger(WebhookSecretRotation.class.getName());

    private final SecretStore store;
    private final CachedSecrets cache;
    private final Duration overlap;
    private final SecureRandom random = new SecureRandom();

    /** The new secret, to show once, and until when the old one is still accepted. */
    public record Rotated(String newSecret, Instant previousAcceptedUntil) {
        @Override
        public String toString() {
            return "Rotated[previousAcceptedUntil=" + previousAcceptedUntil + "]";
        }
    }

    public WebhookSecretRotation(SecretStore store, CachedSecrets cache, Duration overlap) {
        this.store = store;
        this.cache = cache;
        this.overlap = overlap;
    }

    /**
     * Makes a new current secret; the current one stays accepted as the previous one for the overlap.
     *
     * @param endOverlap drop a previous secret whose overlap is still open first (the admin has confirmed
     *     the PMS signs with the current one); without it such a rotation is refused
     * @throws OverlapOpenException when an overlap is open and {@code endOverlap} is false
     */
    public Rotated rotate(Instant now, boolean endOverlap) {
        Optional<StoredSecret> previous = store.get(SecretSettings.WEBHOOK_PREVIOUS);
        Optional<StoredSecret> current = store.get(SecretSettings.WEBHOOK_CURRENT);
        // A previous equal to the current one is a rotation that failed half way: repeating it locks no one out.
        Optional<Instant> openUntil = previous
                .filter(p -> current.map(c -> !c.value().equals(p.value())).orElse(true))
                .flatMap(StoredSecret::expiresOn).filter(now::isBefore);
        if (openUntil.isPresent() && !endOverlap) {
            throw new OverlapOpenException(openUntil.get());
        }
        if (openUntil.isPresent()) {
            store.disable(SecretSettings.WEBHOOK_PREVIOUS, previous.get().version());
            cache.forget(SecretSettings.WEBHOOK_PREVIOUS);
            LOG.info("Previous webhook secret dropped before its overlap ended, as the admin asked");
        }
        Instant until = now.plus(overlap);
        // Previous first: if storing the new one then fails, the old one is still current and accepted.
        current.ifPresent(old -> cache.remember(store.set(SecretSettings.WEBHOOK_PREVIOUS, old.value(), until,
                Map.of("replacedAt", now.toString()))));
        String secret = newSecret();
        cache.remember(store.set(SecretSettings.WEBHOOK_CURRENT, secret, null, Map.of("createdAt", now.toString())));
        LOG.info("Webhook secret rotated; the previous one is accepted until " + until);
        return new Rotated(secret, until);
    }

    /**
     * Disables the previous secret once its overlap has ended.
     *
     * @return whether one was retired
     */
    public boolean retireExpiredPrevious(Instant now) {
        Optional<StoredSecret> previous = store.get(SecretSettings.WEBHOOK_PREVIOUS);
        if (previous.isEmpty() || previous.get().expiresOn().map(now::isBefore).orElse(true)) {
            return false;
        }
        store.disable(SecretSettings.WEBHOOK_PREVIOUS, previous.get().version());
        cache.forget(SecretSettings.WEBHOOK_PREVIOUS);
        LOG.info("Previous webhook secret retired (its overlap ended " + previous.get().expiresOn().get() + ")");
        return true;
    }

    private String newSecret() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
