package org.teamstelehealth.secrets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the daily secrets timer does: send the expiry reminder due, remove old client-secret
 * passwords whose grace period ended, retire the previous webhook secret whose overlap ended.
 * Each task runs even when another fails; the run then fails naming the tasks that did.
 */
public final class SecretMaintenance {
    private static final Logger LOG = Logger.getLogger(SecretMaintenance.class.getName());

    private final ReminderService reminders;
    private final RotationService rotation;
    private final WebhookSecretRotation webhook;

    /** What one run did. */
    public record Outcome(Optional<ReminderService.Reminder> reminderSent, List<Rotation> oldPasswordsRemoved,
                          boolean previousWebhookSecretRetired) {}

    public SecretMaintenance(ReminderService reminders, RotationService rotation, WebhookSecretRotation webhook) {
        this.reminders = reminders;
        this.rotation = rotation;
        this.webhook = webhook;
    }

    public Outcome run(Instant now) {
        List<String> failed = new ArrayList<>();
        Optional<ReminderService.Reminder> sent = attempt("expiry reminder", failed, Optional.empty(),
                () -> reminders.remind(now));
        List<Rotation> removed = attempt("old password removal", failed, List.of(),
                () -> rotation.removeDueOldPasswords(now));
        boolean retired = attempt("webhook secret retirement", failed, false,
                () -> webhook.retireExpiredPrevious(now));
        if (!failed.isEmpty()) {
            throw new IllegalStateException("Secret maintenance failed: " + String.join(", ", failed)
                    + " (see the log above); the next run tries again");
        }
        return new Outcome(sent, removed, retired);
    }

    private interface Task<T> {
        T run() throws Exception;
    }

    private static <T> T attempt(String name, List<String> failed, T fallback, Task<T> task) {
        try {
            return task.run();
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Secret maintenance: " + name + " failed", e);
            failed.add(name);
            return fallback;
        }
    }
}
