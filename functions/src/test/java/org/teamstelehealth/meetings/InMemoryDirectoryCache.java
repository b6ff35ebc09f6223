package org.teamstelehealth.meetings;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DirectoryCache} in memory, ignoring case as the table does. */
final class InMemoryDirectoryCache implements DirectoryCache {
    private final Map<String, DirectoryUser> users = new ConcurrentHashMap<>();

    @Override
    public Optional<DirectoryUser> user(String objectIdOrUpn) {
        return Optional.ofNullable(users.get(objectIdOrUpn.toLowerCase(Locale.ROOT)));
    }

    @Override
    public void remember(DirectoryUser user) {
        for (String key : new String[] {user.objectId(), user.userPrincipalName()}) {
            if (key != null) {
                users.put(key.toLowerCase(Locale.ROOT), user);
            }
        }
    }
}
