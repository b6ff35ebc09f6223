package org.teamstelehealth.bootstrap;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value built on first use and kept: how the composition root defers SDK clients (and what needs
 * them) until a function actually calls them, so start-up and the first request build only what
 * they use. After the first call {@link #get()} is one volatile read. A build that throws is not
 * kept, so the next call tries again (a storage or identity outage at first use heals).
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> build;
    private volatile T value;

    private Lazy(Supplier<? extends T> build) {
        this.build = build;
    }

    static <T> Lazy<T> of(Supplier<? extends T> build) {
        return new Lazy<>(Objects.requireNonNull(build));
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = Objects.requireNonNull(build.get(), "a lazy value was built as null");
                    value = current;
                }
            }
        }
        return current;
    }
}
