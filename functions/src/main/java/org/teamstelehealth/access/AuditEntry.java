package org.teamstelehealth.access;

import java.time.Instant;

/**
 * One admin action as the audit log keeps it: never a secret, a token or patient data, only ids.
 *
 * @param at when it was answered
 * @param callerId the caller's Entra object id (or app id)
 * @param callerName the caller's sign-in name, or {@code app:<client id>}
 * @param action what was asked, e.g. {@code webhook-secret.rotate}
 * @param target what it was asked of, e.g. {@code appointment/47}, {@code template/sms.created}
 * @param status the HTTP status the caller got (403 when the caller lacked the role)
 */
public record AuditEntry(Instant at, String callerId, String callerName, String action, String target, int status) {}
