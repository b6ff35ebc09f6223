package org.teamstelehealth.bootstrap;

import java.util.List;
import java.util.function.Supplier;
import org.teamstelehealth.intake.AcceptedSecrets;
import org.teamstelehealth.intake.StorageUnavailableException;
import org.teamstelehealth.secrets.SecretStoreException;
import org.teamstelehealth.secrets.WebhookSecrets;

/** Intake's port over the secrets feature's webhook secrets: a store that cannot be read is storage unavailable. */
final class WebhookSecretsForIntake implements AcceptedSecrets {
    private final WebhookSecrets secrets;

    WebhookSecretsForIntake(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public List<String> current() throws StorageUnavailableException {
        return read(secrets::accepted);
    }

    @Override
    public List<String> refreshed() throws StorageUnavailableException {
        return read(secrets::acceptedAfterRefresh);
    }

    private static List<String> read(Supplier<List<String>> secretsNow) throws StorageUnavailableException {
        try {
            return secretsNow.get();
        } catch (SecretStoreException e) {
            throw new StorageUnavailableException("The webhook secrets could not be read", e);
        }
    }
}
