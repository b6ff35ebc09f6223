package org.teamstelehealth.intake;

/**
 * A webhook failed the Standard Webhooks check. The message says which check failed, for the
 * operator's log; the PMS only ever gets a plain 401 that does not say.
 */
public final class WebhookSignatureException extends Exception {
    public WebhookSignatureException(String message) {
        super(message);
    }
}
