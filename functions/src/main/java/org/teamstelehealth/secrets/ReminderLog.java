package org.teamstelehealth.secrets;

import java.time.Instant;

/** Port: the expiry reminders already sent, by secret, expiry and threshold, so each is sent once. */
public interface ReminderLog {

    boolean sent(String secretName, Instant expiry, String threshold);

    void recordSent(String secretName, Instant expiry, String threshold, Instant sentAt, int recipients);

    /** One reminder of a secret's expiry, e.g. {@code 1803902400_before-7d}: unique per secret. */
    static String reminderId(Instant expiry, String threshold) {
        return expiry.getEpochSecond() + "_" + threshold;
    }
}
