package org.teamstelehealth.secrets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link WebhookSecrets} from the secret cache; the previous secret only until its overlap ends. */
public final class CachedWebhookSecrets implements WebhookSecrets {
    private final CachedSecrets secrets;
    private final Clock clock;

    public CachedWebhookSecrets(CachedSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public List<String> accepted() {
        return accepted(secrets.get(SecretSettings.WEBHOOK_CURRENT), secrets.get(SecretSettings.WEBHOOK_PREVIOUS));
    }

    @Override
    public List<String> acceptedAfterRefresh() {
        return accepted(secrets.refresh(SecretSettings.WEBHOOK_CURRENT),
                secrets.refresh(SecretSettings.WEBHOOK_PREVIOUS));
    }

    private List<String> accepted(Optional<StoredSecret> current, Optional<StoredSecret> previous) {
        List<String> accepted = new ArrayList<>(2);
        current.ifPresent(secret -> accepted.add(secret.value()));
        previous.filter(secret -> secret.expiresOn().map(clock.instant()::isBefore).orElse(true))
                .ifPresent(secret -> accepted.add(secret.value()));
        return accepted.stream().distinct().toList();
    }
}
