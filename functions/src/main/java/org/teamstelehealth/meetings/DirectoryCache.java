package org.teamstelehealth.meetings;

import java.util.Optional;

/** Port: remembers which Entra object id a user principal name belongs to, so each UPN is looked up once. */
public interface DirectoryCache {
    Optional<String> objectId(String userPrincipalName);

    void remember(String userPrincipalName, String objectId);
}
