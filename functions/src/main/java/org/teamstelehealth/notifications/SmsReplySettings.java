package org.teamstelehealth.notifications;

import java.util.Base64;
import java.util.Optional;
import org.teamstelehealth.platform.SettingsSource;

/**
 * Whether patients can answer an SMS, and the key their numbers are stored under.
 *
 * @param repliesEnabled {@code SMS_REPLIES_ENABLED} (default false): the SMS sender ({@code ACS_SMS_FROM}) can receive
 *     replies (a toll-free or local number where ACS supports two-way SMS, not an alphanumeric sender id) and the
 *     ACS resource's SMSReceived events are subscribed to the {@code smsReplies} function. The default templates
 *     then ask for Y or N; otherwise they point to the link's Confirm and I can't make it buttons
 * @param phoneKey {@code PHONE_HASH_KEY} (base64, at least 32 bytes), the HMAC key of {@link PhoneKeys}; empty: derived
 *     from {@code JOIN_LINK_KEY}. Changing it forgets every number's opt-out, so set it before changing that key
 */
public record SmsReplySettings(boolean repliesEnabled, Optional<byte[]> phoneKey) {

    public static SmsReplySettings from(SettingsSource source) {
        boolean enabled = source.bool("SMS_REPLIES_ENABLED", false);
        if (enabled && source.optional("ACS_SMS_FROM").filter(from -> PhoneKeys.normalized(from).isEmpty()).isPresent()) {
            source.problem("SMS_REPLIES_ENABLED=true needs ACS_SMS_FROM to be a phone number (E.164): an alphanumeric"
                    + " sender ID is one-way, patients cannot reply to it (set SMS_REPLIES_ENABLED=false; they answer"
                    + " on the join page)");
        }
        Optional<byte[]> key = source.optional("PHONE_HASH_KEY").flatMap(encoded -> {
            try {
                byte[] decoded = Base64.getDecoder().decode(encoded);
                if (decoded.length < 32) {
                    source.problem("PHONE_HASH_KEY must decode to at least 32 bytes (openssl rand -base64 32)");
                }
                return Optional.of(decoded);
            } catch (IllegalArgumentException e) {
                source.problem("PHONE_HASH_KEY must be base64");
                return Optional.empty();
            }
        });
        return new SmsReplySettings(enabled, key);
    }
}
