package org.teamstelehealth.reminders;

import java.util.Arrays;
import java.util.Optional;

/** How a reminder goes; {@link #id()} is the channel name the notifications side uses in delivery keys. */
public enum ReminderChannel {
    SMS, EMAIL;

    public String id() {
        return name().toLowerCase();
    }

    static Optional<ReminderChannel> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
    }
}
