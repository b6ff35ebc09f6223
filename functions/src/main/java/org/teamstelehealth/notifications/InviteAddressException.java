package org.teamstelehealth.notifications;

/**
 * An invite could not be built because an email address cannot be written as a calendar address.
 * The message names whose address it was, never the address (patient data).
 */
public final class InviteAddressException extends Exception {
    InviteAddressException(String whose) {
        super(whose + " email address cannot be written as a calendar address (mailto URI) for the invite");
    }
}
