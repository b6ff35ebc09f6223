package org.teamstelehealth.meetings;

import java.util.Optional;

/** Port: remembers users looked up in Entra, by object id and by user principal name, so each is looked up once. */
public interface DirectoryCache {
    /** The user last remembered under this object id or UPN (UPNs ignoring case). */
    Optional<DirectoryUser> user(String objectIdOrUpn);

    /** Remembers the user under both their object id and their UPN. */
    void remember(DirectoryUser user);
}
