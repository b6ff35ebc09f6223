package org.teamstelehealth.events;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.platform.Json;

/**
 * Queue trigger: one {@link PmsEvent} from the {@value PmsEvent#QUEUE} queue, sent to the PMS. Its own queue, so a
 * PMS that is down or slow holds up neither meetings nor patient messages.
 */
public final class EventsFunction {
    private final EventSender sender;

    public EventsFunction(EventSender sender) {
        this.sender = sender;
    }

    @FunctionName("pmsevents")
    public void run(
            @QueueTrigger(name = "message", queueName = PmsEvent.QUEUE, connection = "AzureWebJobsStorage") String message,
            final ExecutionContext context) {
        PmsEvent event = Json.read(message, PmsEvent.class);
        EventSender.Outcome outcome = sender.send(event);
        context.getLogger().info("Event " + event.id() + " (" + event.type() + "): " + outcome);
    }
}
