package org.teamstelehealth.events;

import java.util.List;

/**
 * Port: the {@code whsec_} secrets events are signed with now, current first (two while one is rotated: each body
 * carries a signature by each, so the PMS may accept either). Read per send, so a rotation needs no restart.
 */
@FunctionalInterface
public interface SigningSecrets {
    List<String> current();
}
