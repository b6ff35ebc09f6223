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
 * @param reminder for a {@link Kind#REMINDER}: which offset and the one channel it goes by; {@code null} otherwise
 */
public record NotificationIntent(String appointmentId, Kind kind, int sequence, Snapshot snapshot, String teamsJoinUrl,
        String linkNonce, Reminder reminder) {

    public NotificationIntent {
        linkNonce = linkNonce == null ? "" : linkNonce;
        if (reminder != null && kind != Kind.REMINDER) {
            throw new IllegalArgumentException("only a REMINDER intent carries a reminder offset");
        }
    }

    /** An intent about a change (not a reminder). */
    public NotificationIntent(String appointmentId, Kind kind, int sequence, Snapshot snapshot, String teamsJoinUrl,
            String linkNonce) {
        this(appointmentId, kind, sequence, snapshot, teamsJoinUrl, linkNonce, null);
    }

    /**
     * One reminder before the start.
     *
     * @param offset the offset as configured, e.g. {@code 24h}: part of the delivery key, so each offset goes once
     * @param channel {@code sms} or {@code email}: a reminder intent goes by that channel only
     */
    public record Reminder(String offset, String channel) {}

    public static final String QUEUE = "notifications";

    public enum Kind {
        /** The meeting was made: send the invitation. */
        INVITATION,
        /** Start or duration changed after the invitation, or an admin revoked the join links and new ones go out. */
        UPDATE,
        /** Cancelled or deleted after the patient was told. */
        CANCELLATION,
        /** A reminder before the start, at one of the configured offsets. */
        REMINDER
    }

    /**
     * The idempotency key of one message on one channel, e.g. {@code INVITATION-0-sms}; a reminder's is per
     * offset, not per change ({@code REMINDER-24h-sms}), so each offset reaches the patient once per appointment.
     */
    public String deliveryKey(String channel) {
        if (kind == Kind.REMINDER && reminder == null) {
            throw new IllegalStateException("a REMINDER intent without its offset has no delivery key");
        }
        return kind == Kind.REMINDER ? kind + "-" + reminder.offset() + "-" + channel : kind + "-" + sequence + "-" + channel;
    }

    /** Whether this intent is to go by {@code channel} ({@code sms}, {@code email}): a reminder by its own only. */
    public boolean goesBy(String channel) {
        return reminder == null || reminder.channel().equals(channel);
    }
}
