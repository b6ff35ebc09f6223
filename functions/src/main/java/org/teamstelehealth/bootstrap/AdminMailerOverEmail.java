package org.teamstelehealth.bootstrap;

import java.util.List;
import java.util.Optional;
import org.teamstelehealth.notifications.DeliveryException;
import org.teamstelehealth.notifications.EmailSender;
import org.teamstelehealth.secrets.AdminMailer;

/** The secrets feature's admin mail, sent through the notifications feature's ACS email sender. */
final class AdminMailerOverEmail implements AdminMailer {
    private final Optional<EmailSender> email;

    /** @param email the ACS email sender, empty when email is not configured */
    AdminMailerOverEmail(Optional<EmailSender> email) {
        this.email = email;
    }

    @Override
    public void send(Message message) throws AdminMailException {
        EmailSender sender = email.orElseThrow(() -> new AdminMailException("Email is not configured"
                + " (ACS_CONNECTION_STRING or ACS_ENDPOINT, and ACS_EMAIL_SENDER): secret reminders cannot be sent",
                null));
        try {
            sender.send(new EmailSender.Email(message.operationId(), message.to(), message.subject(), message.html(),
                    message.plainText(), List.of()));
        } catch (DeliveryException e) {
            throw new AdminMailException(e.getMessage(), e);
        }
    }
}
