package org.teamstelehealth.appointments;

import org.teamstelehealth.messages.NotificationIntent;

/** Port: hands a notification intent to the notifications side (the {@value NotificationIntent#QUEUE} queue). */
public interface NotificationQueue {
    void enqueue(NotificationIntent intent);

    /** Readies {@link #enqueue} for its first call: what it does short of sending (nothing reaches the queue). */
    default void rehearseEnqueue(NotificationIntent intent) {}
}
