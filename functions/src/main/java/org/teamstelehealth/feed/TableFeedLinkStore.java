package org.teamstelehealth.feed;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.teamstelehealth.platform.Adapter;
import org.teamstelehealth.platform.TableKeys;
import org.teamstelehealth.platform.Tables;

/**
 * Feed links in the {@value #TABLE} table: partition = provider id, row = link id (both {@linkplain TableKeys
 * escaped}), so the feed and the admin list both read one partition.
 *
 * <p>Links issued before the keys were escaped this way sit under URL-encoded keys; for provider ids that encode
 * differently (a space, {@code @}, {@code +}, non-ASCII) those rows are still read, listed and updated where they
 * are, so no provider's calendar stops working. New links always go under the escaped keys.
 */
@Adapter
public final class TableFeedLinkStore implements FeedLinkStore {
    public static final String TABLE = "feedlinks";

    private final Supplier<TableClient> tables;

    /** @param table the {@value #TABLE} table, asked for on each use (so building this touches no storage) */
    public TableFeedLinkStore(Supplier<TableClient> table) {
        this.tables = table;
    }

    @Override
    public void insert(FeedLink link) {
        try {
            tables.get().createEntity(toEntity(link));
        } catch (TableServiceException e) {
            throw refused(e, 409, "Feed link " + link.id() + " exists already");
        }
    }

    @Override
    public List<FeedLink> forProvider(String providerId) {
        String filter = partitionKeys(providerId).stream()
                .map(key -> "PartitionKey eq '" + key.replace("'", "''") + "'")
                .collect(Collectors.joining(" or "));
        return tables.get().listEntities(new ListEntitiesOptions().setFilter(filter), null, null).stream()
                .map(TableFeedLinkStore::fromEntity)
                .toList();
    }

    @Override
    public Optional<FeedLink> find(String providerId, String linkId) {
        return stored(providerId, linkId).map(TableFeedLinkStore::fromEntity);
    }

    @Override
    public void update(FeedLink link) {
        TableEntity where = stored(link.providerId(), link.id()).orElseThrow(
                () -> new IllegalStateException("Feed link " + link.id() + " is not stored"));
        TableEntity updated = toEntity(link, where.getPartitionKey(), where.getRowKey());
        try {
            tables.get().updateEntity(updated, TableEntityUpdateMode.REPLACE);
        } catch (TableServiceException e) {
            throw refused(e, 404, "Feed link " + link.id() + " is not stored");
        }
    }

    /** The link's row, under today's keys or, for a link issued before them, the URL-encoded ones. */
    private Optional<TableEntity> stored(String providerId, String linkId) {
        Optional<TableEntity> found = entity(TableKeys.escape(providerId), TableKeys.escape(linkId));
        String legacyPartition = legacyKey(providerId);
        String legacyRow = legacyKey(linkId);
        if (found.isEmpty() && !(legacyPartition.equals(TableKeys.escape(providerId))
                && legacyRow.equals(TableKeys.escape(linkId)))) {
            found = entity(legacyPartition, legacyRow);
        }
        return found;
    }

    private Optional<TableEntity> entity(String partitionKey, String rowKey) {
        return Tables.find(tables.get(), partitionKey, rowKey);
    }

    private static Set<String> partitionKeys(String providerId) {
        return new LinkedHashSet<>(List.of(TableKeys.escape(providerId), legacyKey(providerId)));
    }

    /** The keys links were stored under before {@link TableKeys}: the id URL-encoded. */
    static String legacyKey(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    /** The port's {@link IllegalStateException} when storage answered {@code status}, else the failure as it is. */
    private static RuntimeException refused(TableServiceException e, int status, String message) {
        return e.getResponse() != null && e.getResponse().getStatusCode() == status
                ? new IllegalStateException(message, e) : e;
    }

    private static TableEntity toEntity(FeedLink link) {
        return toEntity(link, TableKeys.escape(link.providerId()), TableKeys.escape(link.id()));
    }

    private static TableEntity toEntity(FeedLink link, String partitionKey, String rowKey) {
        TableEntity entity = new TableEntity(partitionKey, rowKey)
                .addProperty("ProviderId", link.providerId())
                .addProperty("LinkId", link.id())
                .addProperty("TokenHash", link.tokenHash())
                .addProperty("CreatedAt", utc(link.createdAt()))
                .addProperty("ExpiresAt", utc(link.expiresAt()));
        if (link.calendarName() != null) {
            entity.addProperty("CalendarName", link.calendarName());
        }
        if (link.revokedAt() != null) {
            entity.addProperty("RevokedAt", utc(link.revokedAt()));
        }
        return entity;
    }

    private static FeedLink fromEntity(TableEntity entity) {
        return new FeedLink(
                (String) entity.getProperty("ProviderId"),
                (String) entity.getProperty("LinkId"),
                (String) entity.getProperty("TokenHash"),
                (String) entity.getProperty("CalendarName"),
                instant(entity.getProperty("CreatedAt")),
                instant(entity.getProperty("ExpiresAt")),
                instant(entity.getProperty("RevokedAt")));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((OffsetDateTime) value).toInstant();
    }
}
