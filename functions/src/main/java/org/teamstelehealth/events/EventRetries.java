package org.teamstelehealth.events;

import java.time.Duration;
import org.teamstelehealth.messages.PmsEvent;

/** Port: puts an event back on the events queue, to be seen again after {@code delay}. */
public interface EventRetries {
    void later(PmsEvent event, Duration delay);
}
