package org.teamstelehealth.messages;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The whole current state of one appointment as the PMS sent it (see the webhook contract).
 * A snapshot from {@code appointment.deleted} may carry only {@link #id()} and {@link #version()};
 * every other field is then {@code null}.
 */
public record Snapshot(
        String id,
        long version,
        Status status,
        OffsetDateTime start,
        Integer durationMinutes,
        String timeZone,
        String comments,
        AppointmentType appointmentType,
        Patient patient,
        Provider provider,
        Location location,
        Session session) {

    public enum Status {
        BOOKED, CONFIRMED, ARRIVED, COMPLETED, CANCELLED, DID_NOT_ATTEND;

        public boolean active() {
            return this == BOOKED || this == CONFIRMED || this == ARRIVED;
        }

        public String wireName() {
            return name().toLowerCase();
        }
    }

    public enum ContactPreference { SMS, EMAIL, BOTH, NONE }

    public record AppointmentType(String code, String description, String category, boolean telehealthEnabled) {}

    public record Patient(
            String id, String mrn, String title, String givenName, String familyName, String displayName,
            String mobilePhone, String email, ContactPreference contactPreference) {

        public ContactPreference contactPreferenceOrDefault() {
            return contactPreference == null ? ContactPreference.BOTH : contactPreference;
        }
    }

    public record Provider(String id, String displayName, String userPrincipalName, String entraObjectId, String email) {}

    public record Location(
            String id, String description, String displayName, String address1, String address2,
            String suburb, String state, String postcode, String phone) {}

    public record Session(String name, String typeCategory) {}

    /** Only the id and version: what {@code appointment.deleted} is allowed to carry. */
    public static Snapshot deleted(String id, long version) {
        return new Snapshot(id, version, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean isDeletion() {
        return status == null;
    }

    /** The contract's rule: a Teams meeting exists exactly while this is true. */
    public boolean wantsMeeting() {
        return !isDeletion() && status.active() && appointmentType != null && appointmentType.telehealthEnabled();
    }

    public Instant startInstant() {
        return start.toInstant();
    }

    public Instant endInstant() {
        return start.toInstant().plus(Duration.ofMinutes(durationMinutes));
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Optional<Location> locationIfAny() {
        return Optional.ofNullable(location);
    }
}
