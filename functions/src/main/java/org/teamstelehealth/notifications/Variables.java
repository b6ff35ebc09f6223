package org.teamstelehealth.notifications;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A template's variables, in the order they were put, some of them worked out only when first read. A provider's
 * feed renders thousands of appointments at once with templates that read no date, and formatting each
 * appointment's seven dates up front took about a fifth of the feed's render. Reads resolve a deferred value once;
 * iteration, {@code equals} and {@code toString} see resolved values, never the supplier. For one render on one
 * thread, as the models are.
 */
final class Variables extends AbstractMap<String, Object> {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Puts {@code key} with a value that {@code value} gives when the key is first read. */
    void putDeferred(String key, Supplier<?> value) {
        values.put(key, new Deferred(value));
    }

    @Override
    public Object put(String key, Object value) {
        return resolved(values.put(key, value));
    }

    @Override
    public Object get(Object key) {
        return resolved(values.get(key));
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    public Object remove(Object key) {
        return resolved(values.remove(key));
    }

    /** The keys, without working out any value (the map's own key set would read each entry). */
    @Override
    public Set<String> keySet() {
        return values.keySet();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<Entry<String, Object>> entries = values.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        Entry<String, Object> entry = entries.next();
                        return new SimpleImmutableEntry<>(entry.getKey(), resolved(entry.getValue()));
                    }

                    @Override
                    public void remove() {
                        entries.remove();
                    }
                };
            }

            @Override
            public int size() {
                return values.size();
            }
        };
    }

    private static Object resolved(Object value) {
        return value instanceof Deferred deferred ? deferred.value() : value;
    }

    private static final class Deferred {
        private Supplier<?> supplier;
        private Object value;

        Deferred(Supplier<?> supplier) {
            this.supplier = supplier;
        }

        Object value() {
            if (supplier != null) {
                value = supplier.get();
                supplier = null;
            }
            return value;
        }
    }
}
