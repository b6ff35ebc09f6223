package org.teamstelehealth.notifications;

/** Where one message stands. */
public enum DeliveryStatus {
    /** Recorded before the first send; still so after a crash mid-send (re-sent with the same operation id). */
    SENDING,
    /** ACS failed transiently; the message is queued to try again. */
    RETRYING,
    /** ACS accepted it (and has not reported on it yet). */
    SENT,
    /** ACS reported it reached the phone or mailbox (an Event Grid delivery report). */
    DELIVERED,
    /**
     * ACS rejected it for good (bad number or address), transient failures ran out of attempts, or
     * ACS reported it undeliverable (bounced, blocked, expired).
     */
    FAILED,
    /** Not sent, by the patient's preference or for lack of a number, address or configured sender. */
    SKIPPED;

    /** Nothing more will be done about it. */
    public boolean settled() {
        return this == SENT || this == DELIVERED || this == FAILED || this == SKIPPED;
    }
}
