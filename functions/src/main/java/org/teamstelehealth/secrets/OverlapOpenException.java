package org.teamstelehealth.secrets;

import java.time.Instant;

/**
 * A webhook secret rotation asked for while the previous secret is still accepted: rotating again would
 * drop the secret the PMS may still sign with. Ending the overlap early must be asked for explicitly.
 */
public final class OverlapOpenException extends RuntimeException {
    private final Instant previousAcceptedUntil;

    public OverlapOpenException(Instant previousAcceptedUntil) {
        super("The previous webhook secret is accepted until " + previousAcceptedUntil);
        this.previousAcceptedUntil = previousAcceptedUntil;
    }

    public Instant previousAcceptedUntil() {
        return previousAcceptedUntil;
    }
}
