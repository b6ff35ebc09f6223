package org.teamstelehealth.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: what the service keeps per patient phone number, under its {@link PhoneKeys key} (never the number itself):
 * the appointments whose SMS went to it (so a reply finds its appointment), whether it opted out of SMS, and
 * markers of what was done once for it (an inbound message handled, a help reply sent).
 */
public interface SmsContacts {

    /** An opt-out (or the opt-in that ended one) and when the patient sent it. */
    record OptOut(boolean optedOut, Instant at) {}

    /** Remembers that {@code appointmentId}'s SMS go to the number under {@code phoneKey}; repeats change nothing. */
    void remember(String phoneKey, String appointmentId);

    /** Forgets that {@code appointmentId}'s SMS went to the number (retention); nothing when it was not remembered. */
    void forget(String phoneKey, String appointmentId);

    /** The appointments remembered for {@code phoneKey}, in no particular order. */
    List<String> appointments(String phoneKey);

    /** The newest opt-out or opt-in recorded for {@code phoneKey}. */
    Optional<OptOut> optOut(String phoneKey);

    /** Records an opt-out or opt-in sent at {@code at}, unless one sent later is already recorded. */
    void setOptOut(String phoneKey, OptOut change);

    /** Whether {@link #mark} was called for this marker. */
    boolean marked(String phoneKey, String marker);

    /** Records {@code marker} for {@code phoneKey}: {@code true} the first time, {@code false} when it was there. */
    boolean mark(String phoneKey, String marker, Instant at);
}
