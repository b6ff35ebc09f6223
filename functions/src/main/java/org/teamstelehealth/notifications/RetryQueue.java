package org.teamstelehealth.notifications;

import java.time.Duration;

/** Port: puts an intent back on the notifications queue, invisible for {@code delay}. */
public interface RetryQueue {
    void later(NotificationIntent intent, Duration delay);
}
