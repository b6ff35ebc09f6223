package org.teamstelehealth.feed;

/** A feed link cannot be issued as asked; the message is safe to show the admin. */
public class FeedLinkException extends RuntimeException {
    public FeedLinkException(String message) {
        super(message);
    }
}
