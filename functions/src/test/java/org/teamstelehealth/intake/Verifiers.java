package org.teamstelehealth.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Signature verifiers over fixed secrets, as tests build them. */
final class Verifiers {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private Verifiers() {}

    static SignatureVerifier accepting(List<String> secrets, Duration tolerance, Clock clock) {
        List<String> fixed = List.copyOf(secrets);
        return new SignatureVerifier(() -> fixed, tolerance, clock);
    }

    /** A verifier whose clock stands at {@code timestamp} (epoch seconds): for vectors signed long ago. */
    static SignatureVerifier atTimestamp(String secret, String timestamp) {
        Clock then = Clock.fixed(Instant.ofEpochSecond(Long.parseLong(timestamp)), ZoneOffset.UTC);
        return accepting(List.of(secret), FIVE_MINUTES, then);
    }
}
