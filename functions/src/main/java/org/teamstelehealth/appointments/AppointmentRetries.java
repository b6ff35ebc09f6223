package org.teamstelehealth.appointments;

import java.time.Duration;
import org.teamstelehealth.messages.AppointmentMessage;

/** Port: puts a message back on the {@value AppointmentMessage#QUEUE} queue, invisible for {@code delay}. */
public interface AppointmentRetries {
    void retryLater(AppointmentMessage message, Duration delay);
}
