package org.teamstelehealth.appointments;

import org.teamstelehealth.messages.AppointmentMessage;
import java.time.Duration;

/** Port: puts a message back on the {@value AppointmentMessage#QUEUE} queue, invisible for {@code delay}. */
public interface AppointmentRetries {
    void retryLater(AppointmentMessage message, Duration delay);
}
