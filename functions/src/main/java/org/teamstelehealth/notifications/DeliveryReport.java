package org.teamstelehealth.notifications;

import java.time.Instant;
import java.util.Optional;

/**
 * What ACS reported about one message after it accepted it: delivered to the phone or mailbox, or
 * not, and why (a carrier's or mail system's words, scrubbed of numbers and addresses).
 *
 * @param tag for SMS, the {@link #tag} we sent it with; {@code null} for email
 * @param messageId ACS's SMS message id, or for email the operation id we sent it under
 * @param delivered whether it reached the phone or mailbox
 * @param status ACS's status word as it sent it, e.g. {@code Delivered}, {@code Failed}, {@code Bounced}
 * @param detail why, when ACS said; may contain the recipient (it is {@linkplain #scrub scrubbed} before it is kept)
 */
public record DeliveryReport(Delivery.Channel channel, String tag, String messageId, boolean delivered, String status,
                             String detail, Instant receivedAt) {

    /** The SMS {@code tag} naming a delivery: appointment id and delivery key, no patient data. */
    public static String tag(String appointmentId, String key) {
        return appointmentId + "/" + key;
    }

    /** The appointment id and delivery key a {@link #tag} names, if it is one of ours. */
    public Optional<String[]> delivery() {
        int slash = tag == null ? -1 : tag.lastIndexOf('/');
        return slash <= 0 || slash == tag.length() - 1
                ? Optional.empty() : Optional.of(new String[] {tag.substring(0, slash), tag.substring(slash + 1)});
    }

    /** What an admin reads: the status and ACS's reason, with any phone number or email address masked out. */
    public String reason() {
        String words = detail == null || detail.isBlank() ? "" : ": " + scrub(detail);
        return (delivered ? "delivered" : "not delivered") + " (" + (status == null ? "no status" : status) + ")" + words;
    }

    /** Removes email addresses, phone numbers and long digit runs (ACS's details can quote the recipient). */
    static String scrub(String text) {
        String cleaned = text
                .replaceAll("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+", "[address]")
                .replaceAll("\\+?\\d[\\d \\-()]{6,}\\d", "[number]");
        return cleaned.length() > 300 ? cleaned.substring(0, 300) + "…" : cleaned;
    }
}
