package org.teamstelehealth.notifications;

import org.teamstelehealth.messages.NotificationIntent;
import java.time.Duration;

/** Port: puts an intent back on the notifications queue, invisible for {@code delay}. */
public interface NotificationRetries {
    void later(NotificationIntent intent, Duration delay);
}
