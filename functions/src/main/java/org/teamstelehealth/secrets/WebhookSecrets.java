package org.teamstelehealth.secrets;

import java.util.List;

/**
 * The {@code whsec_...} secrets a webhook signature may be made with right now: the current one,
 * and the previous one while a rotation's overlap lasts. Read per request; cheap (cached).
 */
@FunctionalInterface
public interface WebhookSecrets {

    List<String> accepted();

    /**
     * The accepted secrets after reading the store again (rate-limited). Intake calls it when no
     * accepted secret matched, so a secret rotated on another instance is honoured before the
     * cache would expire.
     */
    default List<String> acceptedAfterRefresh() {
        return accepted();
    }
}
