package org.teamstelehealth.notifications;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.platform.Json;

/** Queue trigger: one {@link NotificationIntent} from the {@value NotificationIntent#QUEUE} queue. */
public final class NotificationsFunction {
    private final NotificationService service;

    public NotificationsFunction(NotificationService service) {
        this.service = service;
    }

    @FunctionName("notifications")
    public void run(
            @QueueTrigger(name = "message", queueName = NotificationIntent.QUEUE, connection = "AzureWebJobsStorage") String message,
            @BindingName("DequeueCount") long dequeueCount,
            final ExecutionContext context) {
        NotificationIntent intent = Json.read(message, NotificationIntent.class);
        NotificationService.Outcome outcome = service.handle(intent);
        if (outcome instanceof NotificationService.Outcome.RetryLater later) {
            context.getLogger().info("Notification " + intent.kind() + " for appointment " + intent.appointmentId()
                    + " queued again in " + later.delay().toSeconds() + " s after a transient ACS failure");
        }
    }
}
