package org.teamstelehealth.notifications;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.teamstelehealth.platform.SettingsSource;

/**
 * How patients are told about their appointments.
 *
 * @param acsConnectionString {@code endpoint=https://<resource>.communication.azure.com/;accesskey=...}
 *     (empty when {@link #acsEndpoint} with a managed identity is used instead)
 * @param acsEndpoint the ACS resource endpoint, used with a managed identity when there is no connection string
 * @param managedIdentityClientId the user-assigned identity to reach ACS with, if not the system one
 * @param smsFrom the ACS number (E.164) or sender id SMS come from; empty turns SMS off
 * @param emailSender the ACS verified sender address emails come from; empty turns email off
 * @param emailReplyTo where patients' replies go (the clinic's mailbox), if anywhere
 * @param locale how dates and times read in messages ({@code CLINIC_LOCALE}, default en-AU: 27/09/2024, 16:40, 4:40 pm)
 * @param backoff how long one message is retried against transient ACS failures before it is recorded failed
 *     ({@code NOTIFICATION_RETRY_FOR_MINUTES}, a day by default), and the waits between tries
 *     ({@code NOTIFICATION_RETRY_SECONDS} doubling up to {@code NOTIFICATION_RETRY_MAX_SECONDS}, or ACS's Retry-After)
 * @param emailStatusWait how long to wait for ACS to report an accepted email as sent before leaving it as accepted
 */
public record NotificationSettings(
        Optional<String> acsConnectionString,
        Optional<String> acsEndpoint,
        Optional<String> managedIdentityClientId,
        Optional<String> smsFrom,
        Optional<String> emailSender,
        Optional<String> emailReplyTo,
        Locale locale,
        DeliveryBackoff backoff,
        Duration emailStatusWait) {

    /**
     * The invite's ORGANIZER: the clinic's reply-to mailbox when there is one, else the (send-only) sender.
     * Calendars send any reply (accept, decline) to the organiser, so it should be an address someone reads.
     */
    public Optional<String> inviteOrganizer() {
        return emailReplyTo.or(() -> emailSender);
    }

    /** The value of {@code ACS_CONNECTION_STRING} that asks the local host for its ACS stand-in. */
    public static final String LOCAL = "local";

    public static NotificationSettings from(SettingsSource source) {
        Optional<String> connection = source.optional("ACS_CONNECTION_STRING");
        Optional<String> endpoint = source.optional("ACS_ENDPOINT");
        Optional<String> smsFrom = source.optional("ACS_SMS_FROM");
        Optional<String> emailSender = source.optional("ACS_EMAIL_SENDER");
        if (connection.filter(LOCAL::equalsIgnoreCase).isPresent()) {
            source.problem("ACS_CONNECTION_STRING=local only works under the local host, which replaces it with its ACS stand-in");
        } else if (connection.isPresent() && !connection.get().toLowerCase(Locale.ROOT).contains("endpoint=")) {
            source.problem("ACS_CONNECTION_STRING must look like endpoint=https://<resource>.communication.azure.com/;accesskey=<key>");
        }
        if ((smsFrom.isPresent() || emailSender.isPresent()) && connection.isEmpty() && endpoint.isEmpty()) {
            source.problem("ACS_CONNECTION_STRING (or ACS_ENDPOINT with a managed identity) is required to send SMS or email");
        }
        if (emailSender.isPresent() && !emailSender.get().contains("@")) {
            source.problem("ACS_EMAIL_SENDER must be an email address (a verified ACS sender)");
        }
        Locale locale = Locale.forLanguageTag(source.string("CLINIC_LOCALE", "en-AU"));
        if (locale.getLanguage().isEmpty()) {
            source.problem("CLINIC_LOCALE must be a language tag such as en-AU");
            locale = Locale.forLanguageTag("en-AU");
        }
        return new NotificationSettings(connection, endpoint, source.optional("ACS_CLIENT_ID"), smsFrom, emailSender,
                source.optional("ACS_EMAIL_REPLY_TO"), locale,
                new DeliveryBackoff(source.minutes("NOTIFICATION_RETRY_FOR_MINUTES", 1440, 1, 10080),
                        Duration.ofSeconds(source.integer("NOTIFICATION_RETRY_SECONDS", 60, 1, 3600)),
                        Duration.ofSeconds(source.integer("NOTIFICATION_RETRY_MAX_SECONDS", 900, 1, 3600))),
                Duration.ofSeconds(source.integer("ACS_EMAIL_STATUS_WAIT_SECONDS", 10, 0, 120)));
    }
}
