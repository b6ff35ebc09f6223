package org.teamstelehealth.appointments;

import org.teamstelehealth.messages.PmsEvent;

/** Port: hands a recorded PMS event to the events sender (the {@value PmsEvent#QUEUE} queue). */
public interface EventQueue {
    void enqueue(PmsEvent event);
}
