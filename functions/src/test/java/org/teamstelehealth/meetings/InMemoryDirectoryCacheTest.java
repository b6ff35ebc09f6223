package org.teamstelehealth.meetings;

class InMemoryDirectoryCacheTest extends DirectoryCacheContract {
    @Override
    protected DirectoryCache newCache() {
        return new InMemoryDirectoryCache();
    }
}
