package org.teamstelehealth.platform;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads raw app settings (environment on Azure, local.settings.json locally) into typed values.
 * Problems are collected rather than thrown one at a time, so start-up reports every bad setting at once.
 */
public final class SettingsSource {
    private final Map<String, String> values;
    // A set: two features may read the same setting, and its problem is reported once.
    private final Set<String> problems = new LinkedHashSet<>();
    private final Set<String> asked = new LinkedHashSet<>();

    public SettingsSource(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public Optional<String> optional(String name) {
        asked.add(name);
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public String required(String name) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            problems.add(name + " is required");
            return "";
        }
        return value.get();
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return parse(name, defaultValue, raw -> {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return value;
        });
    }

    public boolean bool(String name, boolean defaultValue) {
        return parse(name, defaultValue, raw -> switch (raw.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        });
    }

    public Duration minutes(String name, int defaultMinutes, int min, int max) {
        return Duration.ofMinutes(integer(name, defaultMinutes, min, max));
    }

    public URI uri(String name, String defaultValue) {
        return parse(name, defaultValue == null ? null : URI.create(defaultValue), raw -> {
            URI uri = URI.create(raw);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an absolute URL");
            }
            return uri;
        });
    }

    public List<String> list(String name) {
        return optional(name)
                .map(raw -> Arrays.stream(raw.split("[,\\s]+")).filter(s -> !s.isBlank()).toList())
                .orElse(List.of());
    }

    public <E extends Enum<E>> E enumeration(String name, E defaultValue) {
        Class<E> type = defaultValue.getDeclaringClass();
        return parse(name, defaultValue, raw -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(raw.replace('-', '_'))) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("must be one of " + Arrays.toString(type.getEnumConstants()).toLowerCase());
        });
    }

    /** Every setting name read so far (unordered). */
    public Set<String> askedNames() {
        return Set.copyOf(asked);
    }

    /** Records a problem found by a caller's own cross-field check. */
    public void problem(String message) {
        problems.add(message);
    }

    /** Throws a {@link SettingsException} naming every problem seen so far, if any. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new SettingsException(List.copyOf(problems));
        }
    }

    private <T> T parse(String name, T defaultValue, Function<String, T> parser) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return parser.apply(raw.get());
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number");
            return defaultValue;
        } catch (RuntimeException e) {
            problems.add(name + " " + (e.getMessage() == null ? "is malformed" : e.getMessage()));
            return defaultValue;
        }
    }
}
