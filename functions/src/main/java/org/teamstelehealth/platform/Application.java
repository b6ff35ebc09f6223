package org.teamstelehealth.platform;

import com.azure.core.http.HttpClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.teamstelehealth.admin.TemplateAdminFunction;
import org.teamstelehealth.notifications.DeliveryLog;
import org.teamstelehealth.notifications.NotificationsFunction;
import org.teamstelehealth.notifications.NotificationsModule;

/**
 * The composition root: reads settings once, builds every SDK client and service once per process,
 * and makes the function objects the worker asks for (through {@link FunctionInjector}).
 *
 * <p>On Azure the first invocation builds it from the environment. The local host and tests
 * {@link #install(Application) install} their own, built from their own settings and clock.
 */
public final class Application {
    private static volatile Application shared;

    private final Settings settings;
    private final Clock clock;
    private final StorageClients storage;
    private final HttpClient azureHttpClient;
    private final NotificationsModule notifications;
    private final Map<Class<?>, Supplier<?>> functions = new HashMap<>();

    public Application(Settings settings, Clock clock) {
        this(settings, clock, null);
    }

    /**
     * @param azureHttpClient the HTTP client every Azure SDK client (identity, ACS, Key Vault) sends
     *     through, or {@code null} for the SDK default; the local host and tests hand in one that
     *     reaches their loopback stand-ins
     */
    public Application(Settings settings, Clock clock, HttpClient azureHttpClient) {
        this.settings = settings;
        this.clock = clock;
        this.azureHttpClient = azureHttpClient;
        this.storage = new StorageClients(settings.storage());
        this.notifications = new NotificationsModule(settings, clock, storage, azureHttpClient);
        registerFunctions();
    }

    private void registerFunctions() {
        // Each feature adds its function classes here, constructed with the services they call.
        functions.put(NotificationsFunction.class, () -> new NotificationsFunction(notifications.service()));
        functions.put(TemplateAdminFunction.class,
                () -> new TemplateAdminFunction(notifications.templates(), notifications.content()));
    }

    /** The process-wide application, built from the environment on first use. */
    public static Application shared() {
        Application current = shared;
        if (current == null) {
            synchronized (Application.class) {
                if (shared == null) {
                    shared = new Application(Settings.load(System.getenv()), Clock.systemUTC());
                }
                current = shared;
            }
        }
        return current;
    }

    /** Replaces the process-wide application (local host, tests). */
    public static void install(Application application) {
        synchronized (Application.class) {
            shared = application;
        }
    }

    /** A new function object of the given class, wired to this application's services. */
    public <T> T function(Class<T> type) {
        Supplier<?> supplier = functions.get(type);
        if (supplier == null) {
            throw new IllegalArgumentException("No function registered for " + type.getName());
        }
        return type.cast(supplier.get());
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public StorageClients storage() {
        return storage;
    }

    /** Every message sent (or not) to patients, per appointment: for the admin status route. */
    public DeliveryLog deliveryLog() {
        return notifications.deliveryLog();
    }

    /** The HTTP client to hand to Azure SDK builders, or {@code null} for their default. */
    public HttpClient azureHttpClient() {
        return azureHttpClient;
    }
}
