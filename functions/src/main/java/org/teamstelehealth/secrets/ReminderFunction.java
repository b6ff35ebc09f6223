package org.teamstelehealth.secrets;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.time.Clock;

/** Daily ({@code SECRET_REMINDER_SCHEDULE}): expiry reminders, old-password removal, webhook-secret retirement. */
public final class ReminderFunction {
    private final SecretMaintenance maintenance;
    private final Clock clock;

    public ReminderFunction(SecretMaintenance maintenance, Clock clock) {
        this.maintenance = maintenance;
        this.clock = clock;
    }

    @FunctionName("secretMaintenance")
    public void run(@TimerTrigger(name = "timer", schedule = "%SECRET_REMINDER_SCHEDULE%") String timerInfo,
                    final ExecutionContext context) {
        SecretMaintenance.Outcome outcome = maintenance.run(clock.instant());
        context.getLogger().info("Secret maintenance: reminder " + outcome.reminderSent()
                .map(ReminderService.Reminder::threshold).orElse("none") + ", old passwords removed "
                + outcome.oldPasswordsRemoved().size() + ", previous webhook secret retired "
                + outcome.previousWebhookSecretRetired());
    }
}
