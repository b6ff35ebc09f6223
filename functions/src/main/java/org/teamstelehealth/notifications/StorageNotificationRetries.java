package org.teamstelehealth.notifications;

import com.azure.storage.queue.QueueClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.teamstelehealth.messages.NotificationIntent;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.Json;

/** {@link NotificationRetries} on the Storage queue the notifications trigger reads. */
@Adapter
public final class StorageNotificationRetries implements NotificationRetries {
    /** Longer waits than this are cut short: ACS asks for seconds or minutes, not hours. */
    static final Duration MAX_DELAY = Duration.ofHours(1);

    private final Supplier<QueueClient> queue;

    public StorageNotificationRetries(Supplier<QueueClient> queue) {
        this.queue = queue;
    }

    @Override
    public void later(NotificationIntent intent, Duration delay) {
        Duration visibility = delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.isNegative() ? Duration.ZERO : delay;
        queue.get().sendMessageWithResponse(Json.write(intent), visibility, null, null, null);
    }
}
