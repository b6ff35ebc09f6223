package org.teamstelehealth.feed;

import java.util.List;
import java.util.Optional;

/** Port: where issued feed links are kept, by provider. */
public interface FeedLinkStore {

    /** @throws IllegalStateException when the provider has a link with that id already */
    void insert(FeedLink link);

    /** Every link issued to the provider, revoked and expired ones included; one partition read. */
    List<FeedLink> forProvider(String providerId);

    Optional<FeedLink> find(String providerId, String linkId);

    /** Replaces the stored link. @throws IllegalStateException when there is none with its id */
    void update(FeedLink link);
}
