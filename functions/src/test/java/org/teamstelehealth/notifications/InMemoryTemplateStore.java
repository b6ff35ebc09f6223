package org.teamstelehealth.notifications;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TemplateStore} in memory. */
public final class InMemoryTemplateStore implements TemplateStore {
    final Map<String, String> sources = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> overrides() {
        return new HashMap<>(sources);
    }

    @Override
    public void save(String name, String source) {
        sources.put(name, source);
    }

    @Override
    public void remove(String name) {
        sources.remove(name);
    }
}
