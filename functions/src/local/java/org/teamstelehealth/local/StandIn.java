package org.teamstelehealth.local;

import com.sun.net.httpserver.HttpHandler;
import java.util.Map;

/**
 * A local stand-in for a Microsoft service that cannot be reached here (Graph, Entra, ACS, Key Vault).
 * The local host starts each one before reading settings; a stand-in that is not needed (the
 * settings point at a real service) does nothing.
 */
public interface StandIn extends AutoCloseable {

    /**
     * Starts the stand-in when {@code settings} call for it.
     *
     * @return settings to override so the app's real SDK clients talk to the stand-in (empty when not started)
     */
    Map<String, String> start(Map<String, String> settings);

    /** One line for the start-up banner, e.g. "Graph: local stand-in on https://localhost:1234". */
    String describe();

    /** Pages the local host serves under {@code /local/}, keyed by the path below it (e.g. "outbox"). */
    default Map<String, HttpHandler> pages() {
        return Map.of();
    }

    @Override
    default void close() {}
}
