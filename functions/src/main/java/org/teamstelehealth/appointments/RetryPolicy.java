package org.teamstelehealth.appointments;

import java.time.Duration;

/**
 * How long the appointments side keeps trying a change while Graph is throttling or unavailable.
 *
 * @param maxAttempts deliveries of one message before the appointment is marked FAILED
 * @param defaultRetryDelay the first backoff when Graph gave no Retry-After; doubled per attempt
 * @param maxRetryDelay the longest a message is hidden before the next attempt
 */
public record RetryPolicy(int maxAttempts, Duration defaultRetryDelay, Duration maxRetryDelay) {}
