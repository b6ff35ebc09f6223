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
    void remembersAnObjectIdPerUpnIgnoringCase() {
        String upn = "Dr.Who-" + unique + "@Clinic.onmicrosoft.com";

        assertTrue(cache.objectId(upn).isEmpty());
        cache.remember(upn, "3efbdd46-d280-4b0f-a414-1ff1f3dda63a");

        assertEquals(Optional.of("3efbdd46-d280-4b0f-a414-1ff1f3dda63a"), cache.objectId(upn.toLowerCase()));
    }

    @Test
    void aGuestsUpnIsKeptApartFromOnesThatOnlyLookAlike() {
        String guest = "who_example.org#EXT#-" + unique + "@clinic.onmicrosoft.com";
        String lookalike = "who_example.org_ext_-" + unique + "@clinic.onmicrosoft.com";

        cache.remember(guest, "guest-object-id");
        cache.remember(guest, "guest-object-id-2");

        assertEquals(Optional.of("guest-object-id-2"), cache.objectId(guest));
        assertTrue(cache.objectId(lookalike).isEmpty());
    }
}
