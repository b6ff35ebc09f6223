package org.teamstelehealth.platform;

import java.util.List;

/** Start-up stops with this when a setting is missing or malformed; the message names every bad setting. */
public final class SettingsException extends RuntimeException {
    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super("Invalid settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
