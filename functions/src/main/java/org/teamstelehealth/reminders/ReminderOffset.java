package org.teamstelehealth.reminders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configured reminder: how long before the start, and by which channels.
 *
 * @param label the offset as written ({@code 24h}, {@code 15m}): it names the reminder in its delivery key, so
 *     each offset reaches the patient once per appointment
 */
public record ReminderOffset(String label, Duration before, Set<ReminderChannel> channels) {
    private static final Pattern ONE = Pattern.compile("(\\d{1,5})([smhd]):([a-z+]+)");
    static final Duration LONGEST = Duration.ofDays(30);

    public ReminderOffset {
        channels = Set.copyOf(channels);
    }

    /**
     * Parses {@code REMINDER_OFFSETS}: comma-separated {@code <amount><unit>:<channels>}, unit {@code s}, {@code m},
     * {@code h} or {@code d}, channels {@code sms}, {@code email} or {@code sms+email}; e.g. {@code 24h:sms+email,15m:sms}.
     * Empty means no reminders.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static List<ReminderOffset> parseList(String value) {
        List<ReminderOffset> offsets = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String item = part.strip().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            ReminderOffset offset = parse(item);
            if (!labels.add(offset.label())) {
                throw new IllegalArgumentException("names the offset " + offset.label() + " twice");
            }
            offsets.add(offset);
        }
        return List.copyOf(offsets);
    }

    private static ReminderOffset parse(String item) {
        Matcher m = ONE.matcher(item);
        if (!m.matches()) {
            throw new IllegalArgumentException("has \"" + item + "\"; write e.g. 24h:sms+email,15m:sms"
                    + " (units s, m, h, d; channels sms, email)");
        }
        long amount = Long.parseLong(m.group(1));
        Duration before = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (before.isZero() || before.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("has " + item + ": an offset is more than 0 and at most 30 days");
        }
        Set<ReminderChannel> channels = new LinkedHashSet<>();
        for (String channel : m.group(3).split("\\+")) {
            channels.add(ReminderChannel.byId(channel).orElseThrow(() ->
                    new IllegalArgumentException("has " + item + ": channels are sms and email")));
        }
        return new ReminderOffset(m.group(1) + m.group(2), before, channels);
    }
}
