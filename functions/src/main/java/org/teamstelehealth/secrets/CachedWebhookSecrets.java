package org.teamstelehealth.secrets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link WebhookSecrets} from the secret cache; the previous secret only until its overlap ends (its expiry). The
 * PMS's webhook secrets by default; the same pair logic holds the secrets our events to the PMS are signed with
 * ({@link SecretSettings#PMS_EVENTS_CURRENT}, {@link SecretSettings#PMS_EVENTS_PREVIOUS}).
 */
public final class CachedWebhookSecrets implements WebhookSecrets {
    private final CachedSecrets secrets;
    private final Clock clock;
    private final String currentName;
    private final String previousName;

    public CachedWebhookSecrets(CachedSecrets secrets, Clock clock) {
        this(secrets, clock, SecretSettings.WEBHOOK_CURRENT, SecretSettings.WEBHOOK_PREVIOUS);
    }

    /** The pair of secrets stored under these two names. */
    public CachedWebhookSecrets(CachedSecrets secrets, Clock clock, String currentName, String previousName) {
        this.secrets = secrets;
        this.clock = clock;
        this.currentName = currentName;
        this.previousName = previousName;
    }

    @Override
    public List<String> accepted() {
        return accepted(secrets.get(currentName), secrets.get(previousName));
    }

    @Override
    public List<String> acceptedAfterRefresh() {
        return accepted(secrets.refresh(currentName), secrets.refresh(previousName));
    }

    private List<String> accepted(Optional<StoredSecret> current, Optional<StoredSecret> previous) {
        List<String> accepted = new ArrayList<>(2);
        current.ifPresent(secret -> accepted.add(secret.value()));
        previous.filter(secret -> secret.expiresOn().map(clock.instant()::isBefore).orElse(true))
                .ifPresent(secret -> accepted.add(secret.value()));
        return accepted.stream().distinct().toList();
    }
}
