package org.teamstelehealth.notifications;

import java.time.Duration;
import org.teamstelehealth.messages.NotificationIntent;

/** Port: puts an intent back on the notifications queue, invisible for {@code delay}. */
public interface NotificationRetries {
    void later(NotificationIntent intent, Duration delay);
}
