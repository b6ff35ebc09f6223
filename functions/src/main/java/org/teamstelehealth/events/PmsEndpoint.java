package org.teamstelehealth.events;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Port: the PMS's events URL. */
public interface PmsEndpoint {

    /** The PMS's answer: its status and, if it sent one, its Retry-After. */
    record Answer(int status, Optional<Duration> retryAfter) {}

    /**
     * POSTs one signed body.
     *
     * @throws PmsUnreachableException when no answer came in time (refused, reset, timed out)
     */
    Answer post(Map<String, String> headers, byte[] body) throws PmsUnreachableException;
}
