package org.teamstelehealth.access;

import java.util.Set;

/**
 * Who called an admin route, as the audit log records them.
 *
 * @param id the Entra object id of the user or service principal ({@code oid}), or the client's app id
 *     when the token has none
 * @param name what a person reads: the user's sign-in name, or {@code app:<client id>} for an application
 * @param roles the app roles the token carries
 */
public record Caller(String id, String name, Set<Role> roles) {
    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The caller when {@code ADMIN_AUTH=function_key}: whoever holds the function key, unnamed. */
    public static final Caller FUNCTION_KEY = new Caller("function-key", "function key holder", Set.of(Role.ADMIN));

    public boolean may(Role needed) {
        return roles.stream().anyMatch(role -> role.allows(needed));
    }
}
