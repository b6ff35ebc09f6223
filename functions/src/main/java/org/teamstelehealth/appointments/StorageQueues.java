package org.teamstelehealth.appointments;

import com.azure.storage.queue.QueueClient;
import java.time.Duration;
import java.util.function.Function;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.Json;

/** The {@link NotificationQueue}, {@link EventQueue} and {@link AppointmentRetries} adapters on Storage queues (base64 JSON, as the trigger reads). */
@Adapter
public final class StorageQueues implements NotificationQueue, EventQueue, AppointmentRetries {
    /** Storage queues hide a message for at most 7 days. */
    private static final Duration MAX_VISIBILITY = Duration.ofDays(7);

    private final Function<String, QueueClient> queues;

    public StorageQueues(Function<String, QueueClient> queues) {
        this.queues = queues;
    }

    @Override
    public void enqueue(NotificationIntent intent) {
        queues.apply(NotificationIntent.QUEUE).sendMessage(Json.write(intent));
    }

    @Override
    public void enqueue(PmsEvent event) {
        queues.apply(PmsEvent.QUEUE).sendMessage(Json.write(event));
    }

    /** The message {@link #enqueue(NotificationIntent)} would send, encoded and dropped. */
    @Override
    public void rehearseEnqueue(NotificationIntent intent) {
        Json.write(intent);
    }

    /** The message {@link #enqueue(PmsEvent)} would send, encoded and dropped. */
    @Override
    public void rehearseEnqueue(PmsEvent event) {
        Json.write(event);
    }

    @Override
    public void retryLater(AppointmentMessage message, Duration delay) {
        Duration visibility = delay.compareTo(MAX_VISIBILITY) > 0 ? MAX_VISIBILITY : delay;
        queues.apply(AppointmentMessage.QUEUE).sendMessageWithResponse(Json.write(message), visibility, null, null, null);
    }
}
