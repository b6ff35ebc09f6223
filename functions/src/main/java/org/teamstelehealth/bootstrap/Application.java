package org.teamstelehealth.bootstrap;

import com.azure.core.http.HttpClient;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.teamstelehealth.notifications.TemplateAdminFunction;
import org.teamstelehealth.messages.AppointmentMessage;
import org.teamstelehealth.appointments.AppointmentService;
import org.teamstelehealth.appointments.AppointmentStatus;
import org.teamstelehealth.appointments.AppointmentStatusFunction;
import org.teamstelehealth.appointments.AppointmentStore;
import org.teamstelehealth.appointments.AppointmentsFunction;
import org.teamstelehealth.appointments.StorageQueues;
import org.teamstelehealth.appointments.TableAppointmentStore;
import org.teamstelehealth.feed.FeedFunction;
import org.teamstelehealth.feed.FeedLinks;
import org.teamstelehealth.feed.FeedLinksFunction;
import org.teamstelehealth.feed.FeedRenderer;
import org.teamstelehealth.feed.FeedService;
import org.teamstelehealth.feed.ProviderEventText;
import org.teamstelehealth.feed.TableFeedLinkStore;
import org.teamstelehealth.feed.TemplatedEventText;
import org.teamstelehealth.health.AzureStorageHealth;
import org.teamstelehealth.health.HealthFunction;
import org.teamstelehealth.health.StorageHealth;
import org.teamstelehealth.intake.AcceptedSecrets;
import org.teamstelehealth.intake.ContractValidator;
import org.teamstelehealth.intake.IntakeFunction;
import org.teamstelehealth.intake.IntakeService;
import org.teamstelehealth.intake.SignatureVerifier;
import org.teamstelehealth.intake.StorageUnavailableException;
import org.teamstelehealth.intake.StorageQueueAppointmentQueue;
import org.teamstelehealth.intake.TableReceiptStore;
import org.teamstelehealth.join.JoinFunction;
import org.teamstelehealth.join.JoinLinks;
import org.teamstelehealth.join.JoinPages;
import org.teamstelehealth.join.JoinService;
import org.teamstelehealth.meetings.GraphMeetingGateway;
import org.teamstelehealth.appointments.MeetingGateway;
import org.teamstelehealth.meetings.TableDirectoryCache;
import org.teamstelehealth.notifications.DeliveriesSection;
import org.teamstelehealth.notifications.PermanentDeliveryException;
import org.teamstelehealth.notifications.DeliveryLog;
import org.teamstelehealth.notifications.EmailSender;
import org.teamstelehealth.notifications.NotificationsFunction;
import org.teamstelehealth.secrets.ReminderFunction;
import org.teamstelehealth.secrets.RotateGraphClientSecretFunction;
import org.teamstelehealth.secrets.RotateWebhookSecretFunction;
import org.teamstelehealth.secrets.SecretStoreException;
import org.teamstelehealth.secrets.WebhookSecrets;

/**
 * The composition root: reads settings once, builds every SDK client and service once per process,
 * and makes the function objects the worker asks for (through {@link FunctionInjector}).
 *
 * <p>On Azure the first invocation builds it from the environment. The local host and tests
 * {@link #install(Application) install} their own, built from their own settings and clock.
 * Building it makes no network call: tables and queues are created on first use.
 */
public final class Application {
    private static volatile Application shared;
    /** Longest one storage call in an HTTP request may take before the caller gets a 503. */
    private static final Duration STORAGE_CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HEALTH_PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Settings settings;
    private final Clock clock;
    private final HttpClient azureHttpClient;
    private final StorageClients storage;
    private final Secrets secrets;
    private final GraphServiceClient graph;
    private final AppointmentStore appointments;
    private final JoinLinks joinLinks;
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
        this.secrets = new Secrets(settings.secrets(), settings.webhook().secrets(), clock, storage, azureHttpClient,
                this::graph);
        this.graph = GraphClients.create(secrets.graphCredential(), settings.graph().baseUrl());
        this.appointments = new TableAppointmentStore(storage::table);
        this.joinLinks = new JoinLinks(settings.join().linkKey(), settings.publicBaseUrl());
        this.notifications = new NotificationsModule(settings, clock, storage, azureHttpClient, joinLinks);
        registerFunctions();
    }

    private void registerFunctions() {
        registerIntake();
        registerAppointments();
        registerNotifications();
        registerJoinAndFeed();
        registerSecrets();
    }

    private void registerIntake() {
        IntakeService intake = new IntakeService(
                new SignatureVerifier(webhookSecrets(), settings.webhook().tolerance(), clock),
                ContractValidator.fromClasspath(),
                new TableReceiptStore(() -> storage.table(TableReceiptStore.TABLE), STORAGE_CALL_TIMEOUT),
                new StorageQueueAppointmentQueue(() -> storage.queue(AppointmentMessage.QUEUE), STORAGE_CALL_TIMEOUT),
                clock);
        functions.put(IntakeFunction.class, () -> new IntakeFunction(intake));
        StorageHealth health = new AzureStorageHealth(storage, HEALTH_PROBE_TIMEOUT);
        functions.put(HealthFunction.class, () -> new HealthFunction(health));
    }

    private AcceptedSecrets webhookSecrets() {
        WebhookSecrets fromSecrets = secrets.webhookSecrets();
        return new AcceptedSecrets() {
            @Override
            public List<String> current() throws StorageUnavailableException {
                return read(fromSecrets::accepted);
            }

            @Override
            public List<String> refreshed() throws StorageUnavailableException {
                return read(fromSecrets::acceptedAfterRefresh);
            }

            private List<String> read(Supplier<List<String>> secretsNow) throws StorageUnavailableException {
                try {
                    return secretsNow.get();
                } catch (SecretStoreException e) {
                    throw new StorageUnavailableException("The webhook secrets could not be read", e);
                }
            }
        };
    }

    private void registerAppointments() {
        MeetingGateway meetings = new GraphMeetingGateway(graph, settings.meetings(),
                new TableDirectoryCache(() -> storage.table(TableDirectoryCache.TABLE)), clock);
        StorageQueues queues = new StorageQueues(storage::queue);
        AppointmentService service = new AppointmentService(appointments, meetings, queues, queues, settings.meetings());
        functions.put(AppointmentsFunction.class, () -> new AppointmentsFunction(service, clock));
        AppointmentStatus status = new AppointmentStatus(appointments, joinLinks,
                List.of(new DeliveriesSection(notifications.deliveryLog())));
        functions.put(AppointmentStatusFunction.class, () -> new AppointmentStatusFunction(status));
    }

    private void registerNotifications() {
        functions.put(NotificationsFunction.class, () -> new NotificationsFunction(notifications.service()));
        functions.put(TemplateAdminFunction.class,
                () -> new TemplateAdminFunction(notifications.templates(), notifications.content()));
    }

    private void registerJoinAndFeed() {
        JoinPages joinPages = new JoinPages();
        JoinService join = new JoinService(appointments, joinLinks, settings.join(), clock);
        functions.put(JoinFunction.class, () -> new JoinFunction(join, joinPages));
        FeedLinks feedLinks = new FeedLinks(new TableFeedLinkStore(() -> storage.table(TableFeedLinkStore.TABLE)),
                settings.feed(), settings.publicBaseUrl(), clock, new SecureRandom());
        FeedRenderer feedRenderer = new FeedRenderer(new TemplatedEventText(notifications.templates(), joinLinks,
                settings.notifications().locale(), clock, new ProviderEventText(joinLinks)));
        FeedService feed = new FeedService(feedLinks, appointments, feedRenderer, settings.feed(), clock);
        functions.put(FeedFunction.class, () -> new FeedFunction(feed));
        functions.put(FeedLinksFunction.class, () -> new FeedLinksFunction(feedLinks));
    }

    private void registerSecrets() {
        EmailSender adminEmail = notifications.emailSender().orElse(email -> {
            throw new PermanentDeliveryException("Email is not configured (ACS_CONNECTION_STRING or ACS_ENDPOINT, and "
                    + "ACS_EMAIL_SENDER): secret reminders cannot be sent", null);
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

    /** The HTTP client to hand to Azure SDK builders, or {@code null} for their default. */
    public HttpClient azureHttpClient() {
        return azureHttpClient;
    }

    /** The app's Graph client; tokens come from the secrets feature's credential (current client secret). */
    public GraphServiceClient graph() {
        return graph;
    }

    public AppointmentStore appointments() {
        return appointments;
    }

    public JoinLinks joinLinks() {
        return joinLinks;
    }

    /** Every message sent (or not) to patients, per appointment: for the admin status route. */
    public DeliveryLog deliveryLog() {
        return notifications.deliveryLog();
    }

    /** The secrets feature: the Graph credential (current client secret) and the accepted webhook secrets. */
    public Secrets secrets() {
        return secrets;
    }
}
