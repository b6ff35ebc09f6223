package org.teamstelehealth.feed;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.teamstelehealth.platform.TableKeys;

/**
 * Feed links in the {@value #TABLE} table: partition = provider id, row = link id, so the feed and
 * the admin list both read one partition.
 */
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
        String filter = "PartitionKey eq '" + TableKeys.escape(providerId).replace("'", "''") + "'";
        return tables.get().listEntities(new ListEntitiesOptions().setFilter(filter), null, null).stream()
                .map(TableFeedLinkStore::fromEntity)
                .toList();
    }

    @Override
    public Optional<FeedLink> find(String providerId, String linkId) {
        try {
            return Optional.of(fromEntity(tables.get().getEntity(TableKeys.escape(providerId), TableKeys.escape(linkId))));
        } catch (TableServiceException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void update(FeedLink link) {
        try {
            tables.get().updateEntity(toEntity(link), TableEntityUpdateMode.REPLACE);
        } catch (TableServiceException e) {
            throw refused(e, 404, "Feed link " + link.id() + " is not stored");
        }
    }

    /** The port's {@link IllegalStateException} when storage answered {@code status}, else the failure as it is. */
    private static RuntimeException refused(TableServiceException e, int status, String message) {
        return e.getResponse() != null && e.getResponse().getStatusCode() == status
                ? new IllegalStateException(message, e) : e;
    }

    private static TableEntity toEntity(FeedLink link) {
        TableEntity entity = new TableEntity(TableKeys.escape(link.providerId()), TableKeys.escape(link.id()))
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
