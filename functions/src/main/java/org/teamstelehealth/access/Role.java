package org.teamstelehealth.access;

import java.util.Optional;

/**
 * The app roles of the Telehealth app registration ({@code appRoles} in
 * {@code infra/teams/New-TelehealthAppRegistration.ps1}), as they arrive in an access token's
 * {@code roles} claim. An admin may do everything a reader may.
 */
public enum Role {
    /** The read-only admin routes (appointment status, templates, feed-link lists); not the audit log. */
    READER("Telehealth.Reader"),
    /** Every admin route: changes, secret rotation, the audit log. */
    ADMIN("Telehealth.Admin");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The value in the token's {@code roles} claim. */
    public String claim() {
        return claim;
    }

    /** Whether a caller holding this role may do what {@code needed} allows. */
    public boolean allows(Role needed) {
        return this == ADMIN || this == needed;
    }

    static Optional<Role> ofClaim(String value) {
        for (Role role : values()) {
            if (role.claim.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
