package org.teamstelehealth.appointments;

import java.time.Duration;

/** Port: puts a message back on the {@value AppointmentMessage#QUEUE} queue, invisible for {@code delay}. */
public interface RetryQueue {
    void retryLater(AppointmentMessage message, Duration delay);
}
