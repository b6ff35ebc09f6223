package org.teamstelehealth.appointments;

import static org.teamstelehealth.platform.TableKeys.escape;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.teamstelehealth.platform.Adapter;

/**
 * The attention index, inside {@link TableAppointmentStore#RETENTION}: one entry per (category, appointment) with
 * PartitionKey = the start's UTC day (yyyy-MM-dd, the same form as the retention entries', so the entry of an
 * appointment that starts and ends on one UTC day shares a partition, and a transaction, with its retention entry)
 * and RowKey = {@code %~} + (999999999999 − start in epoch seconds, 12 digits) + {@code _} + escaped id + {@code _} +
 * category. {@code %~} never begins an escaped id ({@code %} is always followed by two hex digits), so retention
 * reads skip these rows, and within a day the natural order is newest start first. A page reads day partitions
 * newest first, one range query each, at most {@value #DAYS_PER_PAGE} of them.
 */
@Adapter
final class AttentionIndex {
    static final String FIRST_ROW = "%~";
    /** ':' follows the digits of the inverted start. */
    static final String AFTER_LAST_ROW = "%~:";
    /** Day partitions one page reads at most; a page that stops there carries a token to go on from the next. */
    static final int DAYS_PER_PAGE = 31;
    private static final long LATEST = 999_999_999_999L;

    private final TableClient table;

    AttentionIndex(TableClient table) {
        this.table = table;
    }

    static boolean isEntry(String rowKey) {
        return rowKey.startsWith(FIRST_ROW);
    }

    /** The entries {@code a} should have now, one per category it is in. */
    static List<TableEntity> entries(Appointment a) {
        return Attention.itemsOf(a).stream().map(AttentionIndex::entry).toList();
    }

    private static TableEntity entry(Attention.Item item) {
        String inverted = String.format("%012d", Math.max(0, Math.min(LATEST, LATEST - item.start().getEpochSecond())));
        TableEntity entity = new TableEntity(LocalDate.ofInstant(item.start(), ZoneOffset.UTC).toString(),
                FIRST_ROW + inverted + "_" + escape(item.appointmentId()) + "_" + item.category().wireName())
                .addProperty("AppointmentId", item.appointmentId())
                .addProperty("Start", item.start().atOffset(ZoneOffset.UTC))
                .addProperty("Status", item.status().name())
                .addProperty("Category", item.category().wireName());
        if (item.providerId() != null) {
            entity.addProperty("ProviderId", item.providerId());
        }
        if (item.reason() != null) {
            entity.addProperty("Reason", item.reason());
        }
        return entity;
    }

    Attention.Page page(Set<Attention> categories, Instant from, Instant to, int limit, String after) {
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        Cursor cursor = after == null ? new Cursor(LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC), FIRST_ROW)
                : Cursor.parse(after);
        List<Attention.Item> items = new ArrayList<>();
        LocalDate day = cursor.day();
        String afterRow = cursor.afterRow();
        for (int read = 0; read < DAYS_PER_PAGE && !day.isBefore(first); read++) {
            for (TableEntity entity : table.listEntities(new ListEntitiesOptions()
                    .setFilter(filter(day, afterRow, categories)), null, null)) {
                Attention.Item item = item(entity);
                if (!item.start().isBefore(to)) {
                    continue;
                }
                if (item.start().isBefore(from)) {
                    return new Attention.Page(items, null);
                }
                if (items.size() == limit) {
                    return new Attention.Page(items, new Cursor(day, afterRow).token());
                }
                items.add(item);
                afterRow = entity.getRowKey();
            }
            day = day.minusDays(1);
            afterRow = FIRST_ROW;
        }
        return new Attention.Page(items, day.isBefore(first) ? null : new Cursor(day, FIRST_ROW).token());
    }

    private static String filter(LocalDate day, String afterRow, Set<Attention> categories) {
        String wanted = categories.stream().map(c -> "Category eq '" + c.wireName() + "'")
                .collect(Collectors.joining(" or "));
        return "PartitionKey eq '" + day + "' and RowKey gt '" + afterRow.replace("'", "''") + "' and RowKey lt '"
                + AFTER_LAST_ROW + "' and (" + wanted + ")";
    }

    private static Attention.Item item(TableEntity e) {
        return new Attention.Item((String) e.getProperty("AppointmentId"),
                ((OffsetDateTime) e.getProperty("Start")).toInstant(), (String) e.getProperty("ProviderId"),
                TelehealthStatus.valueOf((String) e.getProperty("Status")),
                Attention.fromWire((String) e.getProperty("Category")).orElseThrow(),
                (String) e.getProperty("Reason"));
    }

    /** Where a page goes on: the day partition and the last RowKey read in it ({@link #FIRST_ROW}: from its start). */
    private record Cursor(LocalDate day, String afterRow) {
        String token() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((day + "|" + afterRow).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 2);
                if (parts.length != 2 || !isEntry(parts[1])) {
                    throw new IllegalArgumentException("not a continuation token of this list");
                }
                return new Cursor(LocalDate.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a continuation token of this list", null);
            }
        }
    }
}
