package org.teamstelehealth.intake;

import com.azure.core.util.Context;
import com.azure.storage.queue.QueueClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.Json;

/**
 * The appointments queue in Azure Queue Storage. Messages are the {@link AppointmentMessage} as JSON;
 * the client base64-encodes them, as the Functions queue trigger expects.
 */
@Adapter
public final class StorageQueueAppointmentQueue implements AppointmentQueue {
    /** Azure Queue Storage's limit on a message, which here is the base64 of the JSON. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** Never expire: an accepted appointment change must not vanish after the default 7 days of an outage. */
    private static final Duration NEVER_EXPIRES = Duration.ofSeconds(-1);

    private final Supplier<QueueClient> queue;
    private final Duration timeout;

    /**
     * @param queue the queue, fetched on each call so a storage outage at start-up heals
     * @param timeout the longest the send may take before intake answers 503
     */
    public StorageQueueAppointmentQueue(Supplier<QueueClient> queue, Duration timeout) {
        this.queue = queue;
        this.timeout = timeout;
    }

    @Override
    public Optional<Outgoing> encode(AppointmentMessage message) {
        String json = Json.write(message);
        long jsonBytes = json.getBytes(StandardCharsets.UTF_8).length;
        long base64Bytes = 4 * ((jsonBytes + 2) / 3);
        return base64Bytes <= MAX_MESSAGE_BYTES ? Optional.of(new Outgoing(message, json)) : Optional.empty();
    }

    @Override
    public void send(Outgoing message) throws StorageUnavailableException {
        try {
            queue.get().sendMessageWithResponse(message.body(), null, NEVER_EXPIRES, timeout, Context.NONE);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException("Could not put a message on queue " + AppointmentMessage.QUEUE, e);
        }
    }
}
