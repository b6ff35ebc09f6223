package org.teamstelehealth.secrets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.teamstelehealth.secrets.AppRegistration.Password;
import org.teamstelehealth.secrets.AppRegistration.Registration;

/**
 * Emails the admins before the Graph client secret expires: 60, 30, 14, 7, 3 and 1 days before,
 * then every day after. The expiry is the earlier of the store's (Key Vault {@code expiresOn}) and
 * the app registration's (the matching password's {@code endDateTime}, when Graph lets the app
 * read itself). Each reminder is sent once: the {@link ReminderLog} records it by secret, expiry
 * and threshold. A run that finds several thresholds passed sends only the nearest one.
 */
public final class ReminderService {
    private static final Logger LOG = Logger.getLogger(ReminderService.class.getName());
    static final int[] DAYS_BEFORE = {1, 3, 7, 14, 30, 60};
    /** Threshold of the daily reminder sent while Entra refuses the secret and no expiry explains it. */
    static final String REJECTED = "rejected";
    private static final String BROKEN = "Until it is replaced no telehealth meetings can be created, moved or"
            + " cancelled.\n\n";
    private static final String REPLACE_BY_HAND = "The rotate route cannot help now (it signs in with this secret):"
            + " add a new client secret to the app registration in the Microsoft Entra admin center and store its"
            + " value in Key Vault as a new version of this secret, with its expiry date (admin guide, \"Replacing"
            + " an expired client secret\"). The app uses it within minutes, without a restart.";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final SecretStore store;
    private final AppRegistration registration;
    private final AdminMailer email;
    private final ReminderLog log;
    private final SecretSettings settings;

    /** A reminder due now. */
    public record Reminder(String secretName, Instant expiry, String threshold, String source) {}

    public ReminderService(SecretStore store, AppRegistration registration, AdminMailer email, ReminderLog log,
                           SecretSettings settings) {
        this.store = store;
        this.registration = registration;
        this.email = email;
        this.log = log;
        this.settings = settings;
    }

    /**
     * Sends the reminder due now, if any and not sent before.
     *
     * @return the reminder sent, or empty
     * @throws AdminMailer.AdminMailException when the email could not be sent; the next run tries again
     */
    public Optional<Reminder> remind(Instant now) throws AdminMailer.AdminMailException {
        if (!settings.usesClientSecret()) {
            LOG.fine("GRAPH_CREDENTIAL=managed_identity: no client secret to remind about");
            return Optional.empty();
        }
        String name = settings.graphClientSecretName();
        Known known = expiry(name);
        Optional<Reminder> due = known.expiry().flatMap(expiry -> threshold(expiry.expiry(), now)
                .map(threshold -> new Reminder(name, expiry.expiry(), threshold, expiry.source())));
        if (due.isEmpty() && known.rejectedByEntra()) {
            // No expiry says so, but Entra refuses the secret (deleted in the portal, wrong value): say so daily.
            Instant today = now.truncatedTo(ChronoUnit.DAYS);
            due = Optional.of(new Reminder(name, today, REJECTED, "Entra"));
        }
        if (due.isEmpty() || log.sent(name, due.get().expiry(), due.get().threshold())) {
            return Optional.empty();
        }
        Reminder reminder = due.get();
        if (settings.adminEmails().isEmpty()) {
            LOG.warning("Client secret " + name + " expires " + reminder.expiry() + " but ADMIN_EMAILS is empty:"
                    + " no reminder sent");
            return Optional.empty();
        }
        email.send(message(reminder, now));
        log.recordSent(name, reminder.expiry(), reminder.threshold(), now, settings.adminEmails().size());
        LOG.info("Sent expiry reminder " + reminder.threshold() + " for " + name + " (expires " + reminder.expiry() + ")");
        return Optional.of(reminder);
    }

    /**
     * The threshold reached at {@code now}: {@code before-Nd} for the nearest of 60/30/14/7/3/1 days
     * passed, {@code after-Nd} for each whole day since expiry (day 0 included).
     */
    static Optional<String> threshold(Instant expiry, Instant now) {
        if (!now.isBefore(expiry)) {
            return Optional.of("after-" + Duration.between(expiry, now).toDays() + "d");
        }
        for (int days : DAYS_BEFORE) {
            if (!now.isBefore(expiry.minus(Duration.ofDays(days)))) {
                return Optional.of("before-" + days + "d");
            }
        }
        return Optional.empty();
    }

    private record Expiry(Instant expiry, String source) {}

    /** What is known about the secret's end: the earliest expiry, and whether Entra refused it just now. */
    private record Known(Optional<Expiry> expiry, boolean rejectedByEntra) {}

    private Known expiry(String name) {
        Optional<StoredSecret> secret = store.get(name);
        List<Expiry> known = new ArrayList<>();
        secret.flatMap(StoredSecret::expiresOn).ifPresent(exp -> known.add(new Expiry(exp, "Key Vault")));
        boolean rejected = false;
        Optional<Registration> app = Optional.empty();
        try {
            app = registration.read();
            if (app.isEmpty()) {
                LOG.fine("Graph does not let the app read its registration; using the store's expiry only");
            }
        } catch (RuntimeException e) {
            // An expired secret cannot read Graph either: the reminders must go on regardless.
            rejected = EntraRefusals.isRejectedSecret(e);
            LOG.warning("Could not read the app registration (" + (rejected ? "Entra rejects the client secret"
                    : e.getClass().getSimpleName()) + "); using the store's expiry only");
        }
        Optional<Registration> registered = app;
        secret.flatMap(s -> registered.flatMap(a -> RotationService.identify(s, a).flatMap(a::password)))
                .flatMap(Password::endDateTime)
                .ifPresent(end -> known.add(new Expiry(end, "app registration")));
        if (known.isEmpty()) {
            LOG.warning("No expiry known for client secret " + name + ": set an expiry on it in Key Vault");
        }
        return new Known(known.stream().min((a, b) -> a.expiry().compareTo(b.expiry())), rejected);
    }

    private AdminMailer.Message message(Reminder reminder, Instant now) {
        boolean rejected = REJECTED.equals(reminder.threshold());
        boolean expired = !now.isBefore(reminder.expiry());
        long days = Duration.between(now, reminder.expiry()).toDays();
        String subject = rejected ? "Teams Telehealth: Microsoft Entra rejects the Microsoft Graph client secret"
                : expired ? "Teams Telehealth: the Microsoft Graph client secret has EXPIRED"
                : "Teams Telehealth: the Microsoft Graph client secret expires in " + Math.max(days, 0) + " day(s)";
        String what = "The client secret Teams Telehealth uses to create Teams meetings (" + reminder.secretName()
                + ", for app " + settings.clientId() + ")";
        String text = rejected
                ? what + " is rejected by Microsoft Entra (invalid_client).\n\n" + BROKEN + REPLACE_BY_HAND
                : expired
                ? what + " expired on " + WHEN.format(reminder.expiry()) + " (from the " + reminder.source() + ").\n\n"
                        + BROKEN + REPLACE_BY_HAND
                : what + " expires on " + WHEN.format(reminder.expiry()) + " (from the " + reminder.source()
                        + ").\n\nTo replace it, call POST /api/manage/secrets/graph-client/rotate with the function"
                        + " key and a Telehealth.Admin token (admin guide, \"Rotating the client secret\"). The new secret goes straight into Key"
                        + " Vault; the old one keeps working for " + settings.graphSecretGrace().toHours() + " hours.";
        text += "\n\nThis reminder does not contain the secret.";
        String html = "<p>" + escape(text).replace("\n\n", "</p><p>") + "</p>";
        // The same reminder always gets the same id, so a send repeated after a crash is deduplicated.
        String operationId = UUID.nameUUIDFromBytes(("secret-reminder/" + reminder.secretName() + "/"
                + ReminderLog.reminderId(reminder.expiry(), reminder.threshold())).getBytes(StandardCharsets.UTF_8)).toString();
        return new AdminMailer.Message(operationId, settings.adminEmails(), subject, html, text);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
