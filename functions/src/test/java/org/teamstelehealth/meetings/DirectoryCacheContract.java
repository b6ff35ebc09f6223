package org.teamstelehealth.meetings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DirectoryCache} does; {@link InMemoryDirectoryCacheTest} and {@link TableDirectoryCacheTest} run it. */
abstract class DirectoryCacheContract {
    private DirectoryCache cache;
    /** Each test its own users, so tests may share a cache. */
    private final String unique = UUID.randomUUID().toString();

    /** A cache knowing none of the users the tests make up. */
    protected abstract DirectoryCache newCache();

    @BeforeEach
    void setUp() {
        cache = newCache();
    }

    @Test
    void remembersAUserByUpnIgnoringCaseAndByObjectId() {
        String upn = "Dr.Who-" + unique + "@Clinic.onmicrosoft.com";
        String objectId = UUID.randomUUID().toString();
        DirectoryUser user = new DirectoryUser(objectId, upn);

        assertTrue(cache.user(upn).isEmpty());
        assertTrue(cache.user(objectId).isEmpty());
        cache.remember(user);

        assertEquals(Optional.of(objectId), cache.user(upn.toLowerCase()).map(DirectoryUser::objectId));
        assertEquals(Optional.of(upn), cache.user(objectId.toUpperCase()).map(DirectoryUser::userPrincipalName));
    }

    @Test
    void aGuestsUpnIsKeptApartFromOnesThatOnlyLookAlike() {
        String guest = "who_example.org#EXT#-" + unique + "@clinic.onmicrosoft.com";
        String lookalike = "who_example.org_ext_-" + unique + "@clinic.onmicrosoft.com";

        cache.remember(new DirectoryUser("guest-object-id-" + unique, guest));
        cache.remember(new DirectoryUser("guest-object-id-2-" + unique, guest));

        assertEquals(Optional.of("guest-object-id-2-" + unique), cache.user(guest).map(DirectoryUser::objectId));
        assertTrue(cache.user(lookalike).isEmpty());
    }
}
