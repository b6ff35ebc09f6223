package org.teamstelehealth.events;

import com.azure.storage.queue.QueueClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.teamstelehealth.messages.PmsEvent;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.Json;

/** {@link EventRetries} on the Storage queue the events trigger reads: the event again, hidden for the delay. */
@Adapter
public final class StorageEventRetries implements EventRetries {
    /** Storage queues hide a message for at most 7 days. */
    private static final Duration MAX_VISIBILITY = Duration.ofDays(7);

    private final Supplier<QueueClient> queue;

    public StorageEventRetries(Supplier<QueueClient> queue) {
        this.queue = queue;
    }

    @Override
    public void later(PmsEvent event, Duration delay) {
        Duration visibility = delay.isNegative() ? Duration.ZERO : delay.compareTo(MAX_VISIBILITY) > 0 ? MAX_VISIBILITY : delay;
        queue.get().sendMessageWithResponse(Json.write(event), visibility, null, null, null);
    }
}
