package org.teamstelehealth.local;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An NCRONTAB schedule as Azure Functions timer triggers read it: six fields
 * {@code second minute hour day month day-of-week} (five fields mean second 0), each {@code *},
 * a value, a range {@code a-b}, a step {@code * /n} or {@code a-b/n}, or a comma list of those;
 * month and day names ({@code Jan}, {@code Mon}) are accepted; day-of-week 0 and 7 are Sunday.
 * As in NCrontab, a time matches only when every field matches (day and day-of-week both).
 */
public final class NCrontab {
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final int SEARCH_YEARS = 5;

    private final String expression;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet daysOfWeek;

    private NCrontab(String expression, BitSet[] fields) {
        this.expression = expression;
        this.seconds = fields[0];
        this.minutes = fields[1];
        this.hours = fields[2];
        this.days = fields[3];
        this.months = fields[4];
        this.daysOfWeek = fields[5];
    }

    /** @throws IllegalArgumentException naming the expression and the field that is wrong */
    public static NCrontab parse(String expression) {
        String[] parts = expression.trim().split("\\s+");
        if (parts.length == 5) {
            parts = new String[] {"0", parts[0], parts[1], parts[2], parts[3], parts[4]};
        }
        if (parts.length != 6) {
            throw new IllegalArgumentException("Schedule '" + expression
                    + "' is not an NCRONTAB expression (sec min hour day month day-of-week)");
        }
        BitSet[] fields = {
            field(expression, "second", parts[0], 0, 59, List.of()),
            field(expression, "minute", parts[1], 0, 59, List.of()),
            field(expression, "hour", parts[2], 0, 23, List.of()),
            field(expression, "day", parts[3], 1, 31, List.of()),
            field(expression, "month", parts[4], 1, 12, MONTHS),
            field(expression, "day-of-week", parts[5], 0, 7, DAYS)
        };
        if (fields[5].get(7)) {
            fields[5].set(0);
            fields[5].clear(7);
        }
        return new NCrontab(expression, fields);
    }

    /** The first matching instant strictly after {@code after}, in {@code zone}; empty if none within five years. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        LocalDateTime cursor = after.atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LocalDate last = cursor.toLocalDate().plusYears(SEARCH_YEARS);
        while (!cursor.toLocalDate().isAfter(last)) {
            LocalDate date = cursor.toLocalDate();
            Optional<LocalTime> time = dateMatches(date) ? firstTimeAtOrAfter(cursor.toLocalTime()) : Optional.empty();
            if (time.isEmpty()) {
                cursor = date.plusDays(1).atStartOfDay();
                continue;
            }
            ZonedDateTime candidate = ZonedDateTime.ofLocal(date.atTime(time.get()), zone, null);
            if (!candidate.toInstant().isAfter(after)) {
                candidate = candidate.withLaterOffsetAtOverlap();
            }
            if (candidate.toInstant().isAfter(after)) {
                return Optional.of(candidate.toInstant());
            }
            if (time.get().equals(LocalTime.MAX.truncatedTo(ChronoUnit.SECONDS))) {
                cursor = date.plusDays(1).atStartOfDay();
            } else {
                cursor = date.atTime(time.get()).plusSeconds(1);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return expression;
    }

    private boolean dateMatches(LocalDate date) {
        int dow = date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue();
        return months.get(date.getMonthValue()) && days.get(date.getDayOfMonth()) && daysOfWeek.get(dow);
    }

    private Optional<LocalTime> firstTimeAtOrAfter(LocalTime from) {
        for (int h = hours.nextSetBit(from.getHour()); h >= 0; h = hours.nextSetBit(h + 1)) {
            int minuteFrom = h == from.getHour() ? from.getMinute() : 0;
            for (int m = minutes.nextSetBit(minuteFrom); m >= 0; m = minutes.nextSetBit(m + 1)) {
                int secondFrom = h == from.getHour() && m == from.getMinute() ? from.getSecond() : 0;
                int s = seconds.nextSetBit(secondFrom);
                if (s >= 0) {
                    return Optional.of(LocalTime.of(h, m, s));
                }
            }
        }
        return Optional.empty();
    }

    private static BitSet field(String expression, String name, String text, int min, int max, List<String> names) {
        BitSet set = new BitSet(max + 1);
        for (String item : text.split(",")) {
            try {
                addItem(set, item.toLowerCase(Locale.ROOT), min, max, names);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Schedule '" + expression + "': " + name + " field '" + text
                        + "' is not valid (" + e.getMessage() + ")", e);
            }
        }
        return set;
    }

    private static void addItem(BitSet set, String item, int min, int max, List<String> names) {
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = Integer.parseInt(item.substring(slash + 1));
            if (step < 1) {
                throw new IllegalArgumentException("step must be at least 1");
            }
        }
        int from;
        int to;
        if (range.equals("*")) {
            from = min;
            to = max == 7 ? 6 : max;
        } else if (range.contains("-")) {
            String[] ends = range.split("-", 2);
            from = value(ends[0], min, max, names);
            to = value(ends[1], min, max, names);
            if (to < from) {
                throw new IllegalArgumentException(from + "-" + to + " runs backwards");
            }
        } else {
            from = value(range, min, max, names);
            to = slash >= 0 ? (max == 7 ? 6 : max) : from;
        }
        for (int v = from; v <= to; v += step) {
            set.set(v);
        }
    }

    private static int value(String text, int min, int max, List<String> names) {
        int named = names.indexOf(text.length() >= 3 ? text.substring(0, 3) : text);
        int value;
        if (named >= 0 && !text.chars().allMatch(Character::isDigit)) {
            value = names == MONTHS ? named + 1 : named;
        } else {
            value = Integer.parseInt(text);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " is outside " + min + "-" + max);
        }
        return value;
    }
}
