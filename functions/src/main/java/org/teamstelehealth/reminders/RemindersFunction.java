package org.teamstelehealth.reminders;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.time.Clock;

/** Timer ({@code REMINDER_SCHEDULE}, every minute): sends the appointment reminders that fell due. */
public final class RemindersFunction {
    private final AppointmentReminders service;
    private final Clock clock;

    public RemindersFunction(AppointmentReminders service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @FunctionName("appointmentReminders")
    public void run(@TimerTrigger(name = "timer", schedule = "%REMINDER_SCHEDULE%") String timerInfo,
            final ExecutionContext context) {
        AppointmentReminders.Tick tick = service.tick(clock.instant());
        if (tick.sent() + tick.dropped() > 0) {
            context.getLogger().info("Reminders: " + tick.sent() + " queued, " + tick.dropped()
                    + " no longer wanted (due after " + tick.from() + ")");
        }
    }
}
