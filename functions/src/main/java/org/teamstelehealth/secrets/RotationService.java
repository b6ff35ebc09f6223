package org.teamstelehealth.secrets;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.teamstelehealth.secrets.AppRegistration.NewPassword;
import org.teamstelehealth.secrets.AppRegistration.Password;
import org.teamstelehealth.secrets.AppRegistration.Registration;

/**
 * Rotates the Graph client secret in one step an admin can repeat: add a new password to the app
 * registration, store it as the secret's new version, prove it gets a token, and remove the old
 * password once the grace period has passed (done by the reminder timer, {@link #removeDueOldPasswords}).
 *
 * <p>Each step is recorded in the {@link RotationLog}; a repeated request resumes the rotation in
 * progress. A password an earlier attempt added but could not store (its text is shown only once)
 * is found by its unique display name and removed before a new one is added, so a rotation never
 * leaves two new passwords behind.
 */
public final class RotationService {
    private static final Logger LOG = Logger.getLogger(RotationService.class.getName());
    /** How long one attempt may run the steps before another request may take over (the Functions timeout). */
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final SecretStore store;
    private final CachedSecrets cache;
    private final AppRegistration registration;
    private final Consumer<String> tokenCheck;
    private final RotationLog log;
    private final SecretSettings settings;
    private final SecureRandom random = new SecureRandom();

    /** @param tokenCheck gets a token with the given client secret, throwing when Entra refuses it */
    public RotationService(SecretStore store, CachedSecrets cache, AppRegistration registration,
                           Consumer<String> tokenCheck, RotationLog log, SecretSettings settings) {
        this.store = store;
        this.cache = cache;
        this.registration = registration;
        this.tokenCheck = tokenCheck;
        this.log = log;
        this.settings = settings;
    }

    /**
     * Rotates the client secret, or resumes the rotation in progress.
     *
     * @throws RotationException naming the step that failed; repeat the request to resume
     * @throws RotationInProgressException when another request is running it right now
     * @throws NoClientSecretException with {@code GRAPH_CREDENTIAL=managed_identity}
     */
    public Rotation rotate(Instant now) {
        if (!settings.usesClientSecret()) {
            throw new NoClientSecretException();
        }
        String name = settings.graphClientSecretName();
        String id = log.claim(name, newRotationId(now), now, now.plus(LEASE));
        boolean released = false;
        try {
            Rotation rotation = resume(name, id, now);
            // Also when an earlier attempt finished but could not release: a repeat answers that rotation, the next starts anew.
            log.release(name, id);
            released = true;
            return rotation;
        } finally {
            if (!released) {
                endLease(name, id);
            }
        }
    }

    private void endLease(String name, String id) {
        try {
            log.endLease(name, id);
        } catch (RuntimeException e) {
            // Keep the step's own failure; the lease then lapses by itself after LEASE.
            LOG.warning("Rotation " + id + ": could not end the lease (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Rotation resume(String name, String id, Instant now) {
        Rotation rotation = log.find(name, id).orElse(null);
        if (rotation == null) {
            rotation = step(id, "start", () -> start(id, now));
            log.save(name, rotation);
            LOG.info("Rotation " + id + " of " + name + " started; old password " + describe(rotation.oldKeyId()));
        } else {
            LOG.info("Rotation " + id + " of " + name + " resumed at " + rotation.state());
        }
        if (rotation.state() == Rotation.State.STARTED) {
            Rotation started = rotation;
            rotation = step(id, "add and store the new password", () -> addAndStore(started));
            log.save(name, rotation);
            LOG.info("Rotation " + id + ": new password " + rotation.newKeyId() + " stored as version "
                    + rotation.secretVersion());
        }
        if (rotation.state() == Rotation.State.STORED) {
            Rotation stored = rotation;
            rotation = step(id, "get a token with the new password", () -> verify(stored));
            log.save(name, rotation);
            LOG.info("Rotation " + id + ": Entra issued a token for the new password");
        }
        if (rotation.state() == Rotation.State.VERIFIED) {
            rotation = rotation.oldKeyId() == null
                    ? rotation.in(Rotation.State.COMPLETED)
                    : rotation.removingOldAfter(now.plus(settings.graphSecretGrace()));
            log.save(name, rotation);
            LOG.info("Rotation " + id + ": " + (rotation.oldKeyId() == null
                    ? "done; the old password could not be identified, remove it in the Entra admin center"
                    : "old password " + rotation.oldKeyId() + " will be removed after " + rotation.removeAfter()));
        }
        return rotation;
    }

    /**
     * Removes the old passwords of rotations whose grace period has ended. Safe to repeat: a
     * password already gone counts as removed.
     *
     * @return the rotations completed now
     */
    public List<Rotation> removeDueOldPasswords(Instant now) {
        String name = settings.graphClientSecretName();
        List<Rotation> due = log.awaitingRemoval(name).stream()
                .filter(rotation -> !now.isBefore(rotation.removeAfter())).toList();
        if (due.isEmpty()) {
            return List.of();
        }
        Registration app = registration.read().orElseThrow(() -> new RotationException(due.get(0).id(),
                "remove the old password", "Graph does not let the app read its own registration"
                        + " (Application.ReadWrite.OwnedBy, app as its own owner)", null));
        for (Rotation rotation : due) {
            if (app.password(rotation.oldKeyId()).isPresent()) {
                registration.removePassword(rotation.objectId(), rotation.oldKeyId());
                LOG.info("Rotation " + rotation.id() + ": removed old password " + rotation.oldKeyId());
            } else {
                LOG.info("Rotation " + rotation.id() + ": old password " + rotation.oldKeyId() + " was already gone");
            }
            log.save(name, rotation.in(Rotation.State.COMPLETED));
        }
        return due.stream().map(rotation -> rotation.in(Rotation.State.COMPLETED)).toList();
    }

    private Rotation start(String id, Instant now) {
        Registration app = readRegistration();
        String objectId = settings.appObjectId().orElse(app.objectId());
        UUID oldKeyId = store.get(settings.graphClientSecretName())
                .flatMap(current -> identify(current, app))
                .orElse(null);
        String displayName = "teams-telehealth " + DAY.format(now) + " " + id;
        Instant endDateTime = now.plus(settings.graphSecretLifetime()).truncatedTo(ChronoUnit.SECONDS);
        return new Rotation(id, Rotation.State.STARTED, displayName, now, endDateTime, objectId, oldKeyId,
                null, null, null);
    }

    private Rotation addAndStore(Rotation rotation) {
        String name = settings.graphClientSecretName();
        Optional<StoredSecret> current = store.get(name);
        if (current.isPresent() && rotation.id().equals(current.get().tag(StoredSecret.ROTATION_TAG).orElse(null))) {
            // Stored by an earlier attempt that failed before recording it.
            StoredSecret stored = current.get();
            return rotation.stored(UUID.fromString(stored.tag(StoredSecret.KEY_ID_TAG).orElseThrow()), stored.version());
        }
        Registration app = readRegistration();
        for (Password orphan : app.passwords()) {
            if (rotation.displayName().equals(orphan.displayName())) {
                LOG.info("Rotation " + rotation.id() + ": removing password " + orphan.keyId()
                        + " that an earlier attempt added but could not store");
                registration.removePassword(rotation.objectId(), orphan.keyId());
            }
        }
        NewPassword added = registration.addPassword(rotation.objectId(), rotation.displayName(), rotation.endDateTime());
        LOG.info("Rotation " + rotation.id() + ": added password " + added.keyId() + " valid until " + added.endDateTime());
        StoredSecret stored = store.set(name, added.secretText(), added.endDateTime(), Map.of(
                StoredSecret.KEY_ID_TAG, added.keyId().toString(),
                StoredSecret.ROTATION_TAG, rotation.id()));
        return rotation.stored(added.keyId(), stored.version());
    }

    private Rotation verify(Rotation rotation) {
        StoredSecret stored = store.get(settings.graphClientSecretName())
                .filter(secret -> secret.version().equals(rotation.secretVersion()))
                .orElseThrow(() -> new IllegalStateException("the store no longer holds version "
                        + rotation.secretVersion() + " as the current one"));
        tokenCheck.accept(stored.value());
        cache.remember(stored);
        return rotation.in(Rotation.State.VERIFIED);
    }

    private Registration readRegistration() {
        return registration.read().orElseThrow(() -> new IllegalStateException(
                "Graph does not let the app read its own registration: grant Application.ReadWrite.OwnedBy"
                        + " and make the app an owner of its own registration"));
    }

    /** The password a stored secret belongs to: by the key id a rotation tagged it with, else by Entra's hint. */
    static Optional<UUID> identify(StoredSecret secret, Registration app) {
        Optional<UUID> tagged = secret.tag(StoredSecret.KEY_ID_TAG).map(UUID::fromString)
                .filter(keyId -> app.password(keyId).isPresent());
        if (tagged.isPresent()) {
            return tagged;
        }
        List<Password> hinted = app.passwords().stream()
                .filter(p -> p.hint() != null && !p.hint().isEmpty() && secret.value().startsWith(p.hint()))
                .toList();
        return hinted.size() == 1 ? Optional.of(hinted.get(0).keyId()) : Optional.empty();
    }

    private String newRotationId(Instant now) {
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        return ID_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
    }

    private static String describe(UUID keyId) {
        return keyId == null ? "not identified" : keyId.toString();
    }

    private static <T> T step(String id, String step, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RotationException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warning("Rotation " + id + " failed at step '" + step + "': " + e.getClass().getSimpleName());
            throw new RotationException(id, step, safeMessage(e), e);
        }
    }

    /** Identity-library messages can quote the request; keep only our own and Graph's/Key Vault's summaries. */
    private static String safeMessage(RuntimeException e) {
        if (e instanceof SecretStoreException || e instanceof AppRegistration.AppRegistrationException
                || e instanceof IllegalStateException) {
            return e.getMessage();
        }
        if (EntraRefusals.isRejectedSecret(e)) {
            return "Entra did not (yet) accept the new password (invalid_client); repeat in a minute";
        }
        return e.getClass().getSimpleName();
    }
}
