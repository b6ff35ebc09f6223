package org.teamstelehealth.platform;

import com.azure.core.http.HttpClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.teamstelehealth.notifications.DeliveryException;
import org.teamstelehealth.notifications.EmailSender;
import org.teamstelehealth.secrets.ReminderFunction;
import org.teamstelehealth.secrets.RotateGraphClientSecretFunction;
import org.teamstelehealth.secrets.RotateWebhookSecretFunction;
import org.teamstelehealth.secrets.Secrets;

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
    private final Map<Class<?>, Supplier<?>> functions = new HashMap<>();
    private final Secrets secrets;
    // Lead: replace with the notifications feature's ACS EmailSender when merging.
    private final EmailSender emailSender = email -> {
        throw new DeliveryException("No email sender is wired into Application yet", false, null, null);
    };

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
        this.secrets = new Secrets(settings.secrets(), settings.webhook().secrets(), clock, storage, azureHttpClient);
        registerFunctions();
    }

    private void registerFunctions() {
        // Each feature adds its function classes here, constructed with the services they call.
        functions.put(ReminderFunction.class, () -> new ReminderFunction(secrets.maintenance(emailSender), clock));
        functions.put(RotateGraphClientSecretFunction.class,
                () -> new RotateGraphClientSecretFunction(secrets.rotation(), clock));
        functions.put(RotateWebhookSecretFunction.class,
                () -> new RotateWebhookSecretFunction(secrets.webhookRotation(), clock));
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

    /** The secrets feature: the Graph credential (current client secret) and the accepted webhook secrets. */
    public Secrets secrets() {
        return secrets;
    }

    /** The HTTP client to hand to Azure SDK builders, or {@code null} for their default. */
    public HttpClient azureHttpClient() {
        return azureHttpClient;
    }
}
