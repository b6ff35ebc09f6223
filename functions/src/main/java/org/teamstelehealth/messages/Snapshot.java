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

        /** The status in words, as the seed's invites show it: "Booked", "Did not attend". */
        public String label() {
            String words = wireName().replace('_', ' ');
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
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

        /**
         * The name to show for the patient: the PMS's display name when it has one, else the given and
         * family names. Never the title: templates put {@code patient.title} in front themselves.
         */
        public String displayNameOrFullName() {
            if (displayName != null && !displayName.isBlank()) {
                return displayName;
            }
            return ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).trim();
        }
    }

    public record Provider(String id, String displayName, String userPrincipalName, String entraObjectId, String email) {}

    public record Location(
            String id, String description, String displayName, String address1, String address2,
            String suburb, String state, String postcode, String phone) {

        /** The clinic's name: the display name, else the description. */
        public String displayNameOrDescription() {
            return displayName != null ? displayName : description;
        }

        /**
         * The address on one line, as the seed's invites show it ("123 Example Street CANBERRA ACT 2600"):
         * the parts that are there, in order, a line break within a part written as ", ". Empty when
         * there are none.
         */
        public String addressLine() {
            StringBuilder line = new StringBuilder();
            for (String part : new String[] {address1, address2, suburb, state, postcode}) {
                if (part != null && !part.isBlank()) {
                    line.append(line.isEmpty() ? "" : " ").append(part.replaceAll("\\s*\\R\\s*", ", ").strip());
                }
            }
            return line.toString();
        }
    }

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
