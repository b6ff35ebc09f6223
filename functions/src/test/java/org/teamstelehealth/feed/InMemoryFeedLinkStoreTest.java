package org.teamstelehealth.feed;

class InMemoryFeedLinkStoreTest extends FeedLinkStoreContract {
    @Override
    protected FeedLinkStore newStore() {
        return new InMemoryFeedLinkStore();
    }
}
