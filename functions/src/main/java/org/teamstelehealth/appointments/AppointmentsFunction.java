package org.teamstelehealth.appointments;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import java.time.Clock;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.platform.Json;

/** Queue trigger on {@value AppointmentMessage#QUEUE}: applies one snapshot to the appointment's Teams meeting. */
public final class AppointmentsFunction {
    /** host.json's maxDequeueCount: after this delivery the message goes to the poison queue. */
    static final long LAST_DEQUEUE = 5;

    private final AppointmentService service;
    private final Clock clock;

    public AppointmentsFunction(AppointmentService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @FunctionName("appointments")
    public void run(
            @QueueTrigger(name = "message", queueName = AppointmentMessage.QUEUE, connection = "AzureWebJobsStorage")
                    String message,
            @BindingName("DequeueCount") long dequeueCount,
            final ExecutionContext context) {
        AppointmentMessage parsed = Json.read(message, AppointmentMessage.class);
        String which = "appointment " + parsed.snapshot().id() + " version " + parsed.snapshot().version();
        try {
            AppointmentService.Outcome outcome = service.apply(parsed, clock.instant(), dequeueCount > 1);
            context.getLogger().info(which + ": " + outcome + " (attempt " + parsed.attempt() + ", dequeue " + dequeueCount + ")");
        } catch (RuntimeException e) {
            if (dequeueCount >= LAST_DEQUEUE) {
                try {
                    service.markFailed(parsed, "Processing kept failing (" + e.getClass().getSimpleName()
                            + "); the message was moved to the appointments-poison queue", clock.instant());
                } catch (RuntimeException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
            }
            context.getLogger().warning(which + " failed on dequeue " + dequeueCount + ": " + e.getClass().getName());
            throw e;
        }
    }
}
