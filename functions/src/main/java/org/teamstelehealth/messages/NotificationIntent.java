package org.teamstelehealth.messages;


/**
 * What the appointments side asks the notifications side to tell the patient, put on the
 * {@value #QUEUE} queue. Sent at most once per appointment, kind, sequence and channel.
 *
 * @param sequence the appointment's iCalendar SEQUENCE at this change
 * @param snapshot the appointment as it was at this change
 * @param teamsJoinUrl the meeting's Teams join URL ({@code null} for a cancellation)
 * @param linkNonce the appointment's join-link nonce at this change, for the link the message carries ({@code ""}
 *     for intents queued before nonces existed, and for appointments stored before then)
 */
public record NotificationIntent(String appointmentId, Kind kind, int sequence, Snapshot snapshot, String teamsJoinUrl,
        String linkNonce) {

    public NotificationIntent {
        linkNonce = linkNonce == null ? "" : linkNonce;
    }

    public static final String QUEUE = "notifications";

    public enum Kind {
        /** The meeting was made: send the invitation. */
        INVITATION,
        /** Start or duration changed after the invitation, or an admin revoked the join links and new ones go out. */
        UPDATE,
        /** Cancelled or deleted after the patient was told. */
        CANCELLATION
    }

    /** The idempotency key of one message on one channel, e.g. {@code INVITATION-0-sms}. */
    public String deliveryKey(String channel) {
        return kind + "-" + sequence + "-" + channel;
    }
}
