package org.teamstelehealth.secrets;

import java.util.List;

/**
 * Port: emails the clinic's admins (secret expiry reminders). Implementations send a message once per
 * {@link Message#operationId()}, however often it is handed in.
 */
public interface AdminMailer {

    void send(Message message) throws AdminMailException;

    /** @param operationId the same on every attempt of one reminder, so it is sent once */
    record Message(String operationId, List<String> to, String subject, String html, String plainText) {}

    /** The email could not be sent now; the next timer run tries again. */
    final class AdminMailException extends Exception {
        public AdminMailException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
