package org.teamstelehealth.intake;

import java.util.List;

/**
 * Port: the {@code whsec_} secrets webhooks may be signed with right now (two while one is rotated).
 * Read per request, so a rotation takes effect without a restart. Implementations throw
 * {@link StorageUnavailableException} when the secrets cannot be read (the PMS is told to retry).
 */
public interface AcceptedSecrets {

    List<String> current() throws StorageUnavailableException;

    /** The secrets after reading their store again; asked once when no current secret matched. */
    default List<String> refreshed() throws StorageUnavailableException {
        return current();
    }
}
