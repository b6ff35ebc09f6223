package org.teamstelehealth.meetings;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DirectoryCache} in memory, ignoring the UPN's case as the table does. */
final class InMemoryDirectoryCache implements DirectoryCache {
    private final Map<String, String> objectIds = new ConcurrentHashMap<>();

    @Override
    public Optional<String> objectId(String userPrincipalName) {
        return Optional.ofNullable(objectIds.get(userPrincipalName.toLowerCase(Locale.ROOT)));
    }

    @Override
    public void remember(String userPrincipalName, String objectId) {
        objectIds.put(userPrincipalName.toLowerCase(Locale.ROOT), objectId);
    }
}
