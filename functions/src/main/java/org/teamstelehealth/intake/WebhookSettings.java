package org.teamstelehealth.intake;

import java.time.Duration;
import java.util.List;
import org.teamstelehealth.platform.SettingsSource;

/**
 * @param secrets the accepted {@code whsec_...} signing secrets (two while one is being rotated) when
 *     settings hold them; empty when a Key Vault ({@code KEY_VAULT_URL}) holds them instead
 * @param tolerance how far a webhook's timestamp may be from now
 */
public record WebhookSettings(List<String> secrets, Duration tolerance) {

    public static WebhookSettings from(SettingsSource source) {
        List<String> secrets = source.list("WEBHOOK_SECRETS");
        if (secrets.isEmpty() && source.optional("KEY_VAULT_URL").isEmpty()) {
            source.problem("WEBHOOK_SECRETS is required without KEY_VAULT_URL (one or two whsec_... secrets, "
                    + "separated by a space)");
        }
        for (String secret : secrets) {
            if (!secret.startsWith("whsec_")) {
                source.problem("WEBHOOK_SECRETS must hold whsec_... values");
            }
        }
        int toleranceSeconds = source.integer("WEBHOOK_TOLERANCE_SECONDS", 300, 1, 3600);
        return new WebhookSettings(secrets, Duration.ofSeconds(toleranceSeconds));
    }
}
