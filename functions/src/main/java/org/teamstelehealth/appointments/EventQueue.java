package org.teamstelehealth.appointments;

import org.teamstelehealth.messages.PmsEvent;

/** Port: hands a recorded PMS event to the events sender (the {@value PmsEvent#QUEUE} queue). */
public interface EventQueue {
    void enqueue(PmsEvent event);

    /** Readies {@link #enqueue} for its first call: what it does short of sending (nothing reaches the queue). */
    default void rehearseEnqueue(PmsEvent event) {}
}
