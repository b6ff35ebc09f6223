package org.teamstelehealth.appointments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teamstelehealth.platform.Problem;

/**
 * The admin's attention list: appointments in a range of starts that need someone to look (failed or pending
 * meetings, undelivered messages, patients who have not answered or asked to cancel), newest start first, a page at a
 * time, from the store's attention index.
 */
public final class AttentionList {
    /** Without {@code from}: a week back, so recent failures show. */
    static final Duration DEFAULT_BACK = Duration.ofDays(7);
    /** Without {@code to}: four weeks ahead, what a clinic books. */
    static final Duration DEFAULT_AHEAD = Duration.ofDays(28);

    /** The index keys days as yyyy-MM-dd and starts in epoch seconds: what lies outside is no appointment's. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final AppointmentStore store;
    private final AttentionSettings settings;

    public AttentionList(AppointmentStore store, AttentionSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The query parameters were not usable: the problem says which and why. */
    public static final class InvalidQueryException extends Exception {
        private final transient Problem problem;

        InvalidQueryException(String detail) {
            super(detail);
            this.problem = Problem.of(400, "Invalid query", detail);
        }

        public Problem problem() {
            return problem;
        }
    }

    /**
     * One page as the route answers it: {@code items} (id, start, provider id, status, category, reason; never the
     * patient's name or contact details) and {@code next}, the token for {@code continuation}, or {@code null}.
     *
     * @param parameters the request's query parameters: {@code from}, {@code to} (ISO date, taken as UTC midnight, or
     *     date-time with offset), {@code status} (categories, comma-separated), {@code limit}, {@code continuation}
     */
    public Map<String, Object> page(Map<String, String> parameters, Instant now) throws InvalidQueryException {
        Instant from = instant(parameters, "from", now.minus(DEFAULT_BACK));
        Instant to = instant(parameters, "to", now.plus(DEFAULT_AHEAD));
        if (from.isBefore(EARLIEST) || to.isAfter(LATEST)) {
            throw new InvalidQueryException("from and to must lie within the years 1970 to 9999");
        }
        if (!from.isBefore(to)) {
            throw new InvalidQueryException("from must be before to");
        }
        Set<Attention> categories = categories(parameters.get("status"));
        int limit = limit(parameters.get("limit"));
        Attention.Page page;
        try {
            page = store.needingAttention(categories, from, to, limit, blankToNull(parameters.get("continuation")));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("continuation is not a token this list gave");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("status", categories.stream().map(Attention::wireName).toList());
        body.put("items", page.items().stream().map(AttentionList::item).toList());
        body.put("next", page.next());
        return body;
    }

    private static Map<String, Object> item(Attention.Item item) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("appointment_id", item.appointmentId());
        line.put("start", item.start());
        line.put("provider_id", item.providerId());
        line.put("telehealth_status", item.status().name().toLowerCase());
        line.put("category", item.category().wireName());
        line.put("reason", item.reason());
        return line;
    }

    private static Instant instant(Map<String, String> parameters, String name, Instant otherwise)
            throws InvalidQueryException {
        String value = blankToNull(parameters.get(name));
        if (value == null) {
            return otherwise;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name + " must be a date (2027-03-05) or a date-time with offset "
                    + "(2027-03-05T09:00:00+10:00)");
        }
    }

    private static Set<Attention> categories(String status) throws InvalidQueryException {
        if (blankToNull(status) == null) {
            return EnumSet.allOf(Attention.class);
        }
        Set<Attention> categories = EnumSet.noneOf(Attention.class);
        List<String> unknown = new ArrayList<>();
        for (String name : status.split(",")) {
            String trimmed = name.trim().toLowerCase();
            Attention.fromWire(trimmed).ifPresentOrElse(categories::add, () -> unknown.add(trimmed));
        }
        if (!unknown.isEmpty() || categories.isEmpty()) {
            throw new InvalidQueryException("status takes failed, pending, undelivered, unconfirmed, "
                    + "cancellation_requested (comma-separated); not " + String.join(", ", unknown));
        }
        return categories;
    }

    private int limit(String value) throws InvalidQueryException {
        if (blankToNull(value) == null) {
            return settings.pageSize();
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= settings.maxPageSize()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidQueryException("limit must be a whole number from 1 to " + settings.maxPageSize());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
