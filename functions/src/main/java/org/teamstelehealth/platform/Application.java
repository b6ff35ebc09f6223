package org.teamstelehealth.platform;

import com.azure.core.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.teamstelehealth.appointments.AppointmentMessage;
import org.teamstelehealth.health.AzureStorageHealth;
import org.teamstelehealth.health.HealthFunction;
import org.teamstelehealth.health.StorageHealth;
import org.teamstelehealth.intake.ContractValidator;
import org.teamstelehealth.intake.IntakeFunction;
import org.teamstelehealth.intake.IntakeService;
import org.teamstelehealth.intake.SignatureVerifier;
import org.teamstelehealth.intake.StorageQueueAppointmentQueue;
import org.teamstelehealth.intake.TableReceiptStore;
import org.teamstelehealth.appointments.AppointmentStore;
import org.teamstelehealth.feed.FeedFunction;
import org.teamstelehealth.feed.FeedLinks;
import org.teamstelehealth.feed.FeedLinksFunction;
import org.teamstelehealth.feed.FeedRenderer;
import org.teamstelehealth.feed.FeedService;
import org.teamstelehealth.feed.ProviderEventText;
import org.teamstelehealth.feed.TableFeedLinkStore;
import org.teamstelehealth.join.JoinFunction;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.join.JoinPages;
import org.teamstelehealth.join.JoinService;
import org.teamstelehealth.admin.TemplateAdminFunction;
import org.teamstelehealth.notifications.DeliveryLog;
import org.teamstelehealth.notifications.NotificationsFunction;
import org.teamstelehealth.notifications.NotificationsModule;
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
    /** Longest one storage call in an HTTP request may take before the caller gets a 503. */
    private static final Duration STORAGE_CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HEALTH_PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Settings settings;
    private final Clock clock;
    private final StorageClients storage;
    private final HttpClient azureHttpClient;
    private final AppointmentStore appointmentStore;
    private final NotificationsModule notifications;
    private final Map<Class<?>, Supplier<?>> functions = new HashMap<>();
    private final Secrets secrets;

    public Application(Settings settings, Clock clock) {
        this(settings, clock, null);
    }

    /**
     * @param azureHttpClient the HTTP client every Azure SDK client (identity, ACS, Key Vault) sends
     *     through, or {@code null} for the SDK default; the local host and tests hand in one that
     *     reaches their loopback stand-ins
     */
    public Application(Settings settings, Clock clock, HttpClient azureHttpClient) {
        this(settings, clock, azureHttpClient, null);
    }

    /**
     * @param appointmentStore where the join and feed functions read appointments; {@code null} when
     *     no adapter is wired, and then those functions refuse to be built, saying so
     */
    public Application(Settings settings, Clock clock, HttpClient azureHttpClient, AppointmentStore appointmentStore) {
        this.settings = settings;
        this.clock = clock;
        this.azureHttpClient = azureHttpClient;
        this.appointmentStore = appointmentStore;
        this.storage = new StorageClients(settings.storage());
        this.notifications = new NotificationsModule(settings, clock, storage, azureHttpClient);
        this.secrets = new Secrets(settings.secrets(), settings.webhook().secrets(), clock, storage, azureHttpClient);
        registerFunctions();
    }

    private void registerFunctions() {
        registerIntake();
        registerJoinAndFeed();
        registerNotifications();
        registerSecrets();
    }

    private void registerIntake() {
        IntakeService intake = new IntakeService(
                new SignatureVerifier(settings.webhook().secrets(), settings.webhook().tolerance(), clock),
                ContractValidator.fromClasspath(),
                new TableReceiptStore(() -> storage.table(TableReceiptStore.TABLE), STORAGE_CALL_TIMEOUT),
                new StorageQueueAppointmentQueue(() -> storage.queue(AppointmentMessage.QUEUE), STORAGE_CALL_TIMEOUT),
                clock);
        functions.put(IntakeFunction.class, () -> new IntakeFunction(intake));
        StorageHealth health = new AzureStorageHealth(storage, HEALTH_PROBE_TIMEOUT);
        functions.put(HealthFunction.class, () -> new HealthFunction(health));
    }

    private void registerJoinAndFeed() {
        JoinLinks joinLinks = new JoinLinks(settings.join().linkKey(), settings.publicBaseUrl());
        JoinPages joinPages = new JoinPages();
        functions.put(JoinFunction.class, () -> new JoinFunction(
                new JoinService(appointmentStore(), joinLinks, settings.join(), clock), joinPages));
        FeedLinks feedLinks = new FeedLinks(new TableFeedLinkStore(() -> storage.table(TableFeedLinkStore.TABLE)),
                settings.feed(), settings.publicBaseUrl(), clock, new SecureRandom());
        FeedRenderer feedRenderer = new FeedRenderer(new ProviderEventText(joinLinks));
        functions.put(FeedFunction.class, () -> new FeedFunction(
                new FeedService(feedLinks, appointmentStore(), feedRenderer, settings.feed(), clock)));
        functions.put(FeedLinksFunction.class, () -> new FeedLinksFunction(feedLinks));
    }

    private AppointmentStore appointmentStore() {
        if (appointmentStore == null) {
            throw new IllegalStateException("No AppointmentStore adapter was given to Application");
        }
        return appointmentStore;
    }

    private void registerNotifications() {
        functions.put(NotificationsFunction.class, () -> new NotificationsFunction(notifications.service()));
        functions.put(TemplateAdminFunction.class,
                () -> new TemplateAdminFunction(notifications.templates(), notifications.content()));
    }

    private void registerSecrets() {
        EmailSender adminEmail = notifications.emailSender().orElse(email -> {
            throw new DeliveryException("Email is not configured (ACS_CONNECTION_STRING or ACS_ENDPOINT, and "
                    + "ACS_EMAIL_SENDER): secret reminders cannot be sent", false, null, null);
        });
        functions.put(ReminderFunction.class, () -> new ReminderFunction(secrets.maintenance(adminEmail), clock));
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

    /** Every message sent (or not) to patients, per appointment: for the admin status route. */
    public DeliveryLog deliveryLog() {
        return notifications.deliveryLog();
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
